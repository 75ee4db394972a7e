"use client";

import { baseName } from "../../paths";
import { artifactFileUrl, type ArtifactSource } from "../../source";
import { PreviewNote } from "../preview-frame";

/**
 * An HTML artifact in a sandboxed frame: `allow-scripts` without `allow-same-origin`, so its scripts
 * run in an opaque origin, cut off from this page, its cookies and storage; MLTrack serves the bytes
 * with a sandbox CSP whose `default-src 'none'` keeps them off the network too.
 */
export function HtmlPreview({ source, path }: { source: ArtifactSource; path: string }) {
  return (
    <>
      <iframe
        src={artifactFileUrl(source, path)}
        sandbox="allow-scripts"
        referrerPolicy="no-referrer"
        title={`HTML artifact ${baseName(path)}`}
        className="h-[70vh] w-full border-0 bg-white"
        data-testid="artifact-html"
      />
      <PreviewNote>
        Shown in a sandbox: its scripts run, but cannot reach this page, your session or the network.
      </PreviewNote>
    </>
  );
}
