// Being built: see the web workbench issue.
export default function ReceiptNewPage() {
  return null;
}
