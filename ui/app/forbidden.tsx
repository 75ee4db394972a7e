import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <div className="flex flex-col items-center gap-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="text-muted-foreground">Your role does not include this page. An MLTrack admin can change it.</p>
      <Button asChild variant="outline">
        <Link href="/experiments">Go to experiments</Link>
      </Button>
    </div>
  );
}
