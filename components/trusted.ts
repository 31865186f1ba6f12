// Approve, Book and Ask the model act only on what a person did: a trusted event (a real click or
// key press; not a script's dispatchEvent() or click()), and — where the browser tracks it — with
// the frame's transient user activation, which a form submitted by script does not have. The
// panel is an extension page in its own frame, so only our own code could script it; this is the
// second line should anything ever run there.

interface UserActivation {
  isActive: boolean;
}

export function byPerson(event: { nativeEvent: Event }): boolean {
  if (!event.nativeEvent.isTrusted) return false;
  const activation = (globalThis.navigator as { userActivation?: UserActivation } | undefined)?.userActivation;
  return activation ? activation.isActive : true;
}
