/**
 * rules — booking rules (modules/rules/engine.ts, pure) and their use: who may book, rules
 * judged under the booking's lock (evaluate.ts), rules as data managed by owners and admins.
 * Owns booking_rules (and writes booking_approvals rows when a request trips approval rules;
 * modules/approvals decides them). Events: none of its own (bookings' events carry the result).
 */
export { type CountedBooking, evaluateRules, type Decision, type RuleDef, type RuleInput, type RuleResult } from './engine';
export { approvalRows, checkAccess, closeApprovals, failedResults, openApprovals, DEFAULT_APPROVAL_EXPIRY_HOURS, DEFAULT_WAITLIST_HOLD_MINUTES, judge, type Judgement, presentResult, RulesDenied, rulesDenied, type RuleSubject } from './evaluate';
export * as ruleSchemas from './schemas';
export type { ApprovalDto, CheckResultDto, RuleDto, RuleResultDto } from './schemas';
export { createRule, deleteRule, listRules, updateRule } from './manage-rules';
export { getBookingAccess, setBookingAccess } from './booking-access';
export { previewRule } from './preview-rule';
export { type SlotJudge, slotJudge } from './mark-slots';
