import type { FeedbackChannel, FeedbackStatus, FeedbackTopic, QuestionKind } from "@roundtable/db";

// What the demo agencies heard from their communities in 2026: fixed text and dates, so every
// test app and every `pnpm start` shows the same rows.

export interface DemoQuestion {
  prompt: string;
  kind: QuestionKind;
  options?: string[];
  required?: boolean;
}

export interface DemoSurvey {
  title: string;
  description: string;
  unit: string | null;
  opensAt: string;
  languages: string[];
  questions: DemoQuestion[];
  /** Answers in question order (a list for multiple choice), the language, when, and an optional comment. */
  responses: { answers: (string | string[] | null)[]; language: string; at: string; comment?: string }[];
}

export interface DemoFeedback {
  /** Referred to by priorities below. */
  key?: string;
  channel: Exclude<FeedbackChannel, "SURVEY">;
  text: string;
  topic: FeedbackTopic;
  language: string;
  unit: string | null;
  at: string;
  critical?: boolean;
  status: FeedbackStatus;
  /** Who answered (a demo role or an extra member's email) and what. */
  answer?: { by: string; text: string; at: string };
  submitter?: { name: string; contact?: string };
  /** Said at the unit's first community meeting, when the activities step made one. */
  atMeeting?: boolean;
}

export interface DemoPriority {
  unit: string;
  title: string;
  description: string;
  backedBy: string[];
}

export const SURVEYS: Record<string, DemoSurvey> = {
  metro: {
    title: "Eastside Station community survey, fall 2026",
    description: "Tell Eastside Station what it should work on next. Anonymous; takes three minutes.",
    unit: "Eastside Station",
    opensAt: "2026-09-01T15:00:00.000Z",
    languages: ["en", "es", "ko"],
    questions: [
      { prompt: "How safe do you feel in your neighborhood after dark?", kind: "SCALE", required: true },
      {
        prompt: "Which issue should the station work on first?",
        kind: "SINGLE_CHOICE",
        options: ["Vehicle break-ins", "Speeding near schools", "Teens with nowhere to go", "Something else"],
        required: true,
      },
      { prompt: "What would make you trust the station more?", kind: "TEXT" },
    ],
    responses: [
      {
        answers: ["2", "Vehicle break-ins", "Patrols at the park-and-ride in the evening."],
        language: "en",
        at: "2026-09-04T02:10:00.000Z",
      },
      { answers: ["3", "Speeding near schools", null], language: "es", at: "2026-09-09T17:45:00.000Z" },
      {
        answers: ["4", "Speeding near schools", "Deputies who stop and talk, not only drive by."],
        language: "en",
        at: "2026-09-21T19:30:00.000Z",
        comment: "Cars race down Alder Street at school drop-off. Someone will get hurt.",
      },
      { answers: ["2", "Teens with nowhere to go", null], language: "ko", at: "2026-10-02T01:05:00.000Z" },
    ],
  },
  lakeview: {
    title: "Lakeview community engagement survey 2026",
    description: "Help the Lakeview Police Department plan next year's programs. Anonymous.",
    unit: null,
    opensAt: "2026-08-15T14:00:00.000Z",
    languages: ["en", "es", "pl"],
    questions: [
      { prompt: "How much do you trust the Lakeview Police Department?", kind: "SCALE", required: true },
      {
        prompt: "Which programs would you take part in?",
        kind: "MULTIPLE_CHOICE",
        options: ["Citizens police academy", "Youth programs", "Neighborhood meetings", "Coffee with a cop"],
      },
      { prompt: "What should the department do differently?", kind: "TEXT" },
    ],
    responses: [
      { answers: ["4", ["Citizens police academy", "Coffee with a cop"], null], language: "en", at: "2026-08-20T16:00:00.000Z" },
      {
        answers: ["2", ["Neighborhood meetings"], "Publicar las reglas sobre cámaras corporales en español."],
        language: "es",
        at: "2026-09-03T23:20:00.000Z",
        comment: "Nadie me explicó por qué me pararon en Lake Street.",
      },
      { answers: ["3", ["Youth programs"], null], language: "pl", at: "2026-09-28T18:40:00.000Z" },
    ],
  },
};

export const FEEDBACK: Record<string, DemoFeedback[]> = {
  metro: [
    {
      key: "break-ins-meeting",
      channel: "MEETING",
      atMeeting: true,
      text: "Three cars on our block were broken into at the park-and-ride this month. Nobody patrols there after six.",
      topic: "PUBLIC_SAFETY",
      language: "en",
      unit: "Eastside Station",
      at: "2026-03-12T03:00:00.000Z",
      status: "ANSWERED",
      answer: {
        by: "UNIT_COMMANDER",
        text: "We added evening patrols and asked the transit authority for lighting.",
        at: "2026-03-20T18:00:00.000Z",
      },
    },
    {
      key: "break-ins-online",
      channel: "ONLINE",
      text: "Me robaron el radio del carro en el estacionamiento del tren. Pasa cada semana.",
      topic: "PUBLIC_SAFETY",
      language: "es",
      unit: "Eastside Station",
      at: "2026-04-03T15:20:00.000Z",
      status: "ACKNOWLEDGED",
    },
    {
      key: "teens",
      channel: "PHONE",
      text: "Teenagers sit on the closed rec center steps until midnight. They need somewhere to go.",
      topic: "QUALITY_OF_LIFE",
      language: "en",
      unit: "Eastside Station",
      at: "2026-04-20T20:10:00.000Z",
      status: "IN_PROGRESS",
    },
    {
      channel: "MEETING",
      atMeeting: true,
      text: "Deputies stopped my son twice in one week and never told him why. It feels like profiling.",
      topic: "PUBLIC_SAFETY",
      language: "ko",
      unit: "Eastside Station",
      at: "2026-05-14T02:30:00.000Z",
      critical: true,
      status: "ANSWERED",
      answer: {
        by: "UNIT_COMMANDER",
        text: "We met with the family, reviewed both stops, and now explain the reason for every stop on the spot.",
        at: "2026-05-28T17:00:00.000Z",
      },
    },
    {
      channel: "EMAIL",
      text: "Someone dumped mattresses and tires on Canyon Road again.",
      topic: "QUALITY_OF_LIFE",
      language: "en",
      unit: "Valley Station",
      at: "2026-06-02T16:45:00.000Z",
      status: "ANSWERED",
      answer: {
        by: "COORDINATOR",
        text: "Public works cleared it; a camera goes up next month.",
        at: "2026-06-05T21:00:00.000Z",
      },
    },
    {
      channel: "ONLINE",
      text: "Khi thuyền của tôi bị đột nhập, không ai ở đồn nói tiếng Việt và không ai lắng nghe.",
      topic: "PUBLIC_SAFETY",
      language: "vi",
      unit: "Harbor Station",
      at: "2026-09-10T04:15:00.000Z",
      critical: true,
      status: "NEW",
      submitter: { name: "Nguyen Van An", contact: "+1 555 0142" },
    },
    {
      key: "alder-crossing",
      channel: "IN_PERSON",
      text: "Please put a deputy at the Alder Elementary crosswalk at eight in the morning.",
      topic: "PUBLIC_SAFETY",
      language: "en",
      unit: "Eastside Station",
      at: "2026-09-16T15:00:00.000Z",
      status: "NEW",
    },
    {
      channel: "ONLINE",
      text: "I asked the department twice for its body camera policy and never got an answer.",
      topic: "OTHER",
      language: "en",
      unit: null,
      at: "2026-09-25T22:40:00.000Z",
      critical: true,
      status: "ACKNOWLEDGED",
      submitter: { name: "Dana Whitfield" },
    },
    {
      channel: "OTHER",
      text: "Thank you for the catalytic converter etching day at the marina.",
      topic: "PUBLIC_SAFETY",
      language: "en",
      unit: "Harbor Station",
      at: "2026-10-15T19:00:00.000Z",
      status: "CLOSED",
    },
  ],
  lakeview: [
    {
      key: "packages",
      channel: "MEETING",
      atMeeting: true,
      text: "Packages disappear from our lobby every week; the door never latches.",
      topic: "PUBLIC_SAFETY",
      language: "en",
      unit: "Patrol Bureau",
      at: "2026-03-05T01:00:00.000Z",
      status: "ANSWERED",
      answer: {
        by: "COORDINATOR",
        text: "Officers will meet building managers about lockers and door repairs.",
        at: "2026-03-11T15:00:00.000Z",
      },
    },
    {
      key: "packages-2",
      channel: "ONLINE",
      text: "Kradzieże paczek na Main Street — trzy razy w tym miesiącu.",
      topic: "PUBLIC_SAFETY",
      language: "pl",
      unit: "Patrol Bureau",
      at: "2026-04-17T12:30:00.000Z",
      status: "IN_PROGRESS",
    },
    {
      key: "traffic",
      channel: "PHONE",
      text: "Drivers use Lake Shore Drive as a racetrack at night.",
      topic: "QUALITY_OF_LIFE",
      language: "en",
      unit: "Patrol Bureau",
      at: "2026-05-08T03:20:00.000Z",
      status: "ACKNOWLEDGED",
    },
    {
      channel: "EMAIL",
      text: "The officers at the youth basketball night were great with the kids.",
      topic: "OTHER",
      language: "en",
      unit: "Community Services Unit",
      at: "2026-06-20T14:00:00.000Z",
      status: "CLOSED",
    },
    {
      channel: "IN_PERSON",
      text: "Your officers treat people on the east side differently. Nobody explains anything during a stop.",
      topic: "PUBLIC_SAFETY",
      language: "en",
      unit: "Patrol Bureau",
      at: "2026-07-09T18:00:00.000Z",
      critical: true,
      status: "ANSWERED",
      answer: {
        by: "CHIEF",
        text: "Every stop now ends with a card explaining why it happened and how to ask questions.",
        at: "2026-07-30T16:00:00.000Z",
      },
    },
    {
      channel: "ONLINE",
      text: "Pedí una copia del informe de mi accidente hace dos meses y nadie me responde.",
      topic: "OTHER",
      language: "es",
      unit: null,
      at: "2026-09-20T20:00:00.000Z",
      critical: true,
      status: "NEW",
      submitter: { name: "Rosa Morales", contact: "rosa.morales@example.org" },
    },
    {
      channel: "OTHER",
      text: "More Coffee with a Cop mornings, please, and not only downtown.",
      topic: "QUALITY_OF_LIFE",
      language: "en",
      unit: "Community Services Unit",
      at: "2026-10-06T13:00:00.000Z",
      status: "NEW",
    },
  ],
};

export const PRIORITIES: Record<string, DemoPriority[]> = {
  metro: [
    {
      unit: "Eastside Station",
      title: "Vehicle break-ins at the transit center park-and-ride",
      description: "Named at the March meeting and in most online reports.",
      backedBy: ["break-ins-meeting", "break-ins-online"],
    },
    {
      unit: "Eastside Station",
      title: "Safe streets around Alder Elementary",
      description: "Speeding at drop-off and pick-up; raised in the fall survey and in person.",
      backedBy: ["alder-crossing", "survey-comment"],
    },
    {
      unit: "Eastside Station",
      title: "Somewhere for teens to go in the evening",
      description: "Rec center closed; neighbors and parents ask for evening programs.",
      backedBy: ["teens"],
    },
  ],
  lakeview: [
    {
      unit: "Patrol Bureau",
      title: "Package thefts from downtown apartment lobbies",
      description: "Raised at the spring meeting and online, in English and Polish.",
      backedBy: ["packages", "packages-2"],
    },
    {
      unit: "Patrol Bureau",
      title: "Night-time speeding on Lake Shore Drive",
      description: "Residents along the drive call about it every week.",
      backedBy: ["traffic"],
    },
  ],
};
