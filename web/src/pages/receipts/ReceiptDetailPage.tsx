// Being built: see the web workbench issue.
export default function ReceiptDetailPage() {
  return null;
}
