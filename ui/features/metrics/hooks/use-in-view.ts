"use client";

import { useEffect, useRef, useState } from "react";

type Listener = (inView: boolean) => void;

/** One IntersectionObserver per root margin for every card on the page, not one per card. */
const shared = new Map<string, { observer: IntersectionObserver; listeners: Map<Element, Listener> }>();

function observe(element: Element, rootMargin: string, listener: Listener): () => void {
  let entry = shared.get(rootMargin);
  if (!entry) {
    const listeners = new Map<Element, Listener>();
    const observer = new IntersectionObserver(
      (changes) => {
        for (const change of changes) listeners.get(change.target)?.(change.isIntersecting);
      },
      { rootMargin },
    );
    entry = { observer, listeners };
    shared.set(rootMargin, entry);
  }
  const { observer, listeners } = entry;
  listeners.set(element, listener);
  observer.observe(element);
  return () => {
    observer.unobserve(element);
    listeners.delete(element);
  };
}

/**
 * Whether the element is on screen or within `rootMargin` of it. Cards mount their chart (and fetch
 * its series) only then, so a run with thousands of metric keys draws only what can be seen.
 */
export function useInView<T extends Element>(rootMargin = "300px") {
  const ref = useRef<T>(null);
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return observe(element, rootMargin, setInView);
  }, [rootMargin]);
  return [ref, inView] as const;
}
