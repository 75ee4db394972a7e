"use client";

import { useState, type PointerEvent } from "react";
import { DefaultZIndexes, ZIndexLayer, usePlotArea, useXAxisInverseScale } from "recharts";

/**
 * Above the line, the markers and the hovered point's dot (which sits right under the pointer when it
 * is on the line), so a press anywhere on the plot starts a selection.
 */
const ZOOM_LAYER = DefaultZIndexes.activeDot + 100;

export interface Zoom {
  from: number;
  to: number;
}

/**
 * A transparent layer over the plot: press, drag across and release to select an x range. Pixels are
 * turned into x values with the axis' own inverse scale, so a range can start between two points.
 * Rendered inside the chart; mouse moves still bubble to the chart, so its tooltip keeps working.
 */
export function ZoomSelection({ onZoom }: { onZoom: (zoom: Zoom) => void }) {
  const plot = usePlotArea();
  const invert = useXAxisInverseScale();
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  if (!plot || !invert) return null;

  /** The pointer's x inside the chart, kept within the plot. */
  const chartX = (event: PointerEvent<SVGRectElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return plot.x + Math.min(plot.width, Math.max(0, event.clientX - box.left));
  };
  const finish = (event: PointerEvent<SVGRectElement>) => {
    if (!drag) return;
    setDrag(null);
    const [a, b] = [Number(invert(drag.from)), Number(invert(chartX(event)))].map(Math.round) as [number, number];
    // Steps and milliseconds are integers; a click without a drag selects nothing.
    if (Number.isFinite(a) && Number.isFinite(b) && a !== b) onZoom({ from: Math.min(a, b), to: Math.max(a, b) });
  };

  return (
    <ZIndexLayer zIndex={ZOOM_LAYER}>
      <rect
        x={plot.x}
        y={plot.y}
        width={plot.width}
        height={plot.height}
        fill="transparent"
        style={{ cursor: "crosshair", touchAction: "none" }}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          const x = chartX(event);
          setDrag({ from: x, to: x });
        }}
        onPointerMove={(event) => {
          if (drag) setDrag({ ...drag, to: chartX(event) });
        }}
        onPointerUp={finish}
        onPointerCancel={() => setDrag(null)}
      />
      {drag && drag.from !== drag.to ? (
        <rect
          x={Math.min(drag.from, drag.to)}
          y={plot.y}
          width={Math.abs(drag.to - drag.from)}
          height={plot.height}
          fill="var(--primary)"
          fillOpacity={0.15}
          pointerEvents="none"
        />
      ) : null}
    </ZIndexLayer>
  );
}
