import { Overview } from "@/components/shell/Overview";
import { currentUser } from "@/server/session";

export default async function HomePage() {
  const user = await currentUser();
  return <Overview name={user?.name ?? user?.email ?? ""} />;
}
