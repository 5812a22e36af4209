// A survey question as pages and the model both see it, declared once (issue #13). No server imports: the answer
// form and the builder use it too.
import type { QuestionType } from "../../db/schema/surveys";

export type { QuestionType };

/** The per-type settings of a question (stored as JSON; each type reads its own keys). */
export interface QuestionConfig {
  lowLabel?: string;
  highLabel?: string;
  statements?: string[];
  choices?: string[];
  allowOther?: boolean;
  min?: number | null;
  max?: number | null;
  integer?: boolean;
}

export interface Question {
  id: number;
  position: number;
  type: QuestionType;
  prompt: string;
  help: string;
  required: boolean;
  perInstructor: boolean;
  config: QuestionConfig;
}
