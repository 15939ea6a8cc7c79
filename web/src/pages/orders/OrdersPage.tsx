// Being built: see the web workbench issue.
export default function OrdersPage() {
  return null;
}
