// Being built: see the web workbench issue.
export default function OrderDetailPage() {
  return null;
}
