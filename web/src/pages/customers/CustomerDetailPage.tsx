// Being built: see the web workbench issue.
export default function CustomerDetailPage() {
  return null;
}
