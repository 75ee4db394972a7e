"use client";

import { useQuery } from "@tanstack/react-query";
import { Boxes, FlaskConical, Play, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  CommandDialog,
  Command,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
} from "@/components/ui/command";
import { paletteQueries } from "../queries";

const DEBOUNCE_MS = 150;

/** Cmd/Ctrl+K: jump to an experiment, a run or a registered model by name (searched on the server). */
export function CommandPalette() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [picked, setPicked] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const { data, isFetching, error } = useQuery({ ...paletteQueries.search(q), enabled: open });

  // A global shortcut is a subscription to the document, which is what effects are for.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        setOpen((was) => !was);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  const onTextChange = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setQ(value.trim()), DEBOUNCE_MS);
  };

  const go = (href: string) => {
    setOpen(false);
    router.push(href);
  };

  const empty = data && !data.experiments.length && !data.runs.length && !data.models.length;
  // The highlighted item: the user's choice while it is listed, else the first result, so Enter after
  // typing opens the best match of what is shown now, not of an earlier search.
  const values = [
    ...(data?.experiments.map((e) => `e:${e.experimentId}`) ?? []),
    ...(data?.runs.map((r) => `r:${r.runId}`) ?? []),
    ...(data?.models.map((m) => `m:${m.name}`) ?? []),
  ];
  const highlighted = values.includes(picked) ? picked : (values[0] ?? "");
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        className="w-56 justify-start text-muted-foreground"
        onClick={() => setOpen(true)}
        data-testid="palette-open"
      >
        <Search /> Jump to…
        <kbd className="ml-auto rounded border bg-muted px-1.5 font-mono text-[10px]">Ctrl K</kbd>
      </Button>
      <CommandDialog
        open={open}
        onOpenChange={setOpen}
        title="Jump to"
        description="Search experiments, runs and registered models by name"
      >
        <Command
          shouldFilter={false}
          value={highlighted}
          onValueChange={setPicked}
          data-testid="command-palette"
          label="Jump to"
        >
          <CommandInput
            value={text}
            onValueChange={onTextChange}
            placeholder="Experiment, run or model name, or a run id"
          />
          <CommandList>
            {!data && isFetching ? <CommandEmpty>Searching…</CommandEmpty> : null}
            {error ? <CommandEmpty>Search failed: {error.message}</CommandEmpty> : null}
            {empty ? <CommandEmpty>{isFetching ? "Searching…" : `Nothing named like “${q}”.`}</CommandEmpty> : null}
            {data?.experiments.length ? (
              <CommandGroup heading={q ? "Experiments" : "Recent experiments"}>
                {data.experiments.map((e) => (
                  <CommandItem
                    key={e.experimentId}
                    value={`e:${e.experimentId}`}
                    onSelect={() => go(`/experiments/${e.experimentId}`)}
                  >
                    <FlaskConical /> <span className="truncate">{e.name}</span>
                  </CommandItem>
                ))}
              </CommandGroup>
            ) : null}
            {data?.runs.length ? (
              <CommandGroup heading="Runs">
                {data.runs.map((r) => (
                  <CommandItem
                    key={r.runId}
                    value={`r:${r.runId}`}
                    onSelect={() => go(`/experiments/${r.experimentId}/runs/${r.runId}`)}
                  >
                    <Play /> <span className="truncate">{r.runName || r.runId}</span>
                    <span className="ml-auto truncate text-xs text-muted-foreground">{r.experimentName}</span>
                  </CommandItem>
                ))}
              </CommandGroup>
            ) : null}
            {data?.models.length ? (
              <CommandGroup heading="Registered models">
                {data.models.map((m) => (
                  <CommandItem
                    key={m.name}
                    value={`m:${m.name}`}
                    onSelect={() => go(`/models/${encodeURIComponent(m.name)}`)}
                  >
                    <Boxes /> <span className="truncate">{m.name}</span>
                    {m.latestVersion ? (
                      <span className="ml-auto text-xs text-muted-foreground">v{m.latestVersion}</span>
                    ) : null}
                  </CommandItem>
                ))}
              </CommandGroup>
            ) : null}
          </CommandList>
        </Command>
      </CommandDialog>
    </>
  );
}
