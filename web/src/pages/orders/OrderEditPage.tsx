// Being built: see the web workbench issue.
export default function OrderEditPage() {
  return null;
}
