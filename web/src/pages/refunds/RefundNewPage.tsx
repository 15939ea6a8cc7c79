// Being built: see the web workbench issue.
export default function RefundNewPage() {
  return null;
}
