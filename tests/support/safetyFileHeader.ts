/**
 * The parts of a safety.yaml that every file needs (messages, and the four concepts with a fixed
 * meaning), and the long-ago and healed concepts, so a test can write only the concepts, rules and
 * checks it is about.
 */
export const SAFETY_FILE_HEADER = `
messages:
  en:
    emergency: "Call {{clinic.emergencyNumber}} now."
    crisis: "Call {{clinic.emergencyNumber}} or the crisis line {{clinic.crisisLine}}."
    redFlag: "Please see a doctor first."
    otherLanguage: "English only, sorry. In an emergency call {{clinic.emergencyNumber}}."
    checkReprompt: "Yes or no?"
    callLabel: Call
concepts:
  - { id: personal, label: the writer, terms: [i|me|my] }
  - { id: someone-else, label: someone else, terms: [he|she|son|mate] }
  - { id: treatment, label: the treatment, terms: [art|massage] }
  - { id: recent, label: recent, terms: [yesterday|today] }
  - { id: long-ago, label: long ago, terms: [years ago|as a kid|back in the 90s|seasons ago] }
  - { id: healed, label: healed, terms: [all healed now|all healed|fine since] }
`;
