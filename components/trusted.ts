// Approve, Book and Ask the model act only on what a person did: a trusted event (a real click or
// key press; not a script's dispatchEvent() or click()); a form's submit also needs the frame's
// transient user activation (where the browser tracks it), which a script's requestSubmit() lacks. The
// panel is an extension page in its own frame, so only our own code could script it; this is the
// second line should anything ever run there.

interface UserActivation {
  isActive: boolean;
}

export function byPerson(event: { nativeEvent: Event }): boolean {
  if (!event.nativeEvent.isTrusted) return false;
  // A click is trusted only when a person made it; a form's submit event is trusted even when a
  // script called requestSubmit(), so there the frame's activation decides too.
  if (event.nativeEvent.type !== 'submit') return true;
  const activation = (globalThis.navigator as { userActivation?: UserActivation } | undefined)?.userActivation;
  return activation ? activation.isActive : true;
}
