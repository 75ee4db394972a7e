"use client";

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ModelSummary, SignatureField, SignatureParam } from "../schemas";

function FieldTable({ title, fields }: { title: string; fields: SignatureField[] }) {
  return (
    <div className="space-y-1" data-testid={`signature-${title.toLowerCase()}`}>
      <h5 className="text-xs font-medium text-muted-foreground uppercase">{title}</h5>
      <div className="rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Type</TableHead>
              <TableHead>Shape</TableHead>
              <TableHead>Optional</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {fields.map((field, i) => (
              <TableRow key={i}>
                <TableCell className="font-mono text-xs">
                  {field.name ?? <span className="text-muted-foreground">(unnamed)</span>}
                </TableCell>
                <TableCell className="font-mono text-xs whitespace-normal">{field.type}</TableCell>
                <TableCell className="font-mono text-xs">{field.shape ?? "—"}</TableCell>
                <TableCell>{field.optional ? "yes" : "no"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

function ParamTable({ params }: { params: SignatureParam[] }) {
  return (
    <div className="space-y-1" data-testid="signature-params">
      <h5 className="text-xs font-medium text-muted-foreground uppercase">Params</h5>
      <div className="rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Type</TableHead>
              <TableHead>Shape</TableHead>
              <TableHead>Default</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {params.map((param, i) => (
              <TableRow key={i}>
                <TableCell className="font-mono text-xs">{param.name}</TableCell>
                <TableCell className="font-mono text-xs">{param.type}</TableCell>
                <TableCell className="font-mono text-xs">{param.shape ?? "—"}</TableCell>
                <TableCell className="font-mono text-xs whitespace-pre-wrap">{param.default}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

/** The model's signature: inputs, outputs and params, each as a table. */
export function SignatureTables({ summary }: { summary: ModelSummary }) {
  const { signature, signatureError } = summary;
  const empty = !signature || (!signature.inputs && !signature.outputs && !signature.params);
  return (
    <div className="space-y-3">
      {signatureError ? <p className="text-xs text-destructive">{signatureError}</p> : null}
      {empty ? (
        <p className="text-sm text-muted-foreground">
          No signature recorded. Log the model with <code className="font-mono">input_example=</code> or{" "}
          <code className="font-mono">signature=</code> to record what it takes and returns.
        </p>
      ) : (
        <>
          {signature.inputs ? <FieldTable title="Inputs" fields={signature.inputs} /> : null}
          {signature.outputs ? <FieldTable title="Outputs" fields={signature.outputs} /> : null}
          {signature.params ? <ParamTable params={signature.params} /> : null}
        </>
      )}
    </div>
  );
}
