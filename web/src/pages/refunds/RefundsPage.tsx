// Being built: see the web workbench issue.
export default function RefundsPage() {
  return null;
}
