// Being built: see the web workbench issue.
export default function ReceiptsPage() {
  return null;
}
