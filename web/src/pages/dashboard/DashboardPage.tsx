// Being built: see the web workbench issue.
export default function DashboardPage() {
  return null;
}
