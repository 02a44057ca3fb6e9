/**
 * The parts of OpenADR 3 objects the VEN reads, as TypeScript types. Objects
 * are validated against the spec's schemas before they are cast to these.
 */
export interface OadrValuesMap {
  readonly type: string;
  readonly values: readonly unknown[];
}

export interface OadrIntervalPeriod {
  readonly start?: string;
  readonly duration?: string;
  readonly randomizeStart?: string;
}

export interface OadrInterval {
  readonly id: number;
  readonly intervalPeriod?: OadrIntervalPeriod;
  readonly payloads: readonly OadrValuesMap[];
}

export interface OadrPayloadDescriptor {
  readonly objectType?: string;
  readonly payloadType: string;
  readonly units?: string | null;
  readonly currency?: string | null;
}

export interface OadrReportDescriptor {
  readonly payloadType: string;
  readonly readingType?: string | null;
  readonly units?: string | null;
}

export interface OadrEvent {
  readonly id?: string;
  readonly programID: string;
  readonly eventName?: string | null;
  readonly priority?: number | null;
  readonly modificationDateTime?: string;
  readonly intervalPeriod?: OadrIntervalPeriod;
  readonly intervals?: readonly OadrInterval[];
  readonly payloadDescriptors?: readonly OadrPayloadDescriptor[] | null;
  readonly reportDescriptors?: readonly OadrReportDescriptor[] | null;
}

export interface OadrProgram {
  readonly id?: string;
  readonly programName: string;
  readonly payloadDescriptors?: readonly OadrPayloadDescriptor[] | null;
}
