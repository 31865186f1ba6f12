// Placeholders of the final size while Zoho answers: built from the same classes as what replaces
// them (a slot, a meeting card, a line of text), so they take the same room in either theme and
// nothing below moves when the answer comes. Hidden from screen readers, which hear one status
// line instead. The shimmer stops under prefers-reduced-motion (panel.css).
import type { CSSProperties } from 'react';

const NBSP = '\u00a0';

/** A grey bar over one line of text of the element's own font: as tall as the text it stands for. */
export function SkeletonLine({ width = '100%', className }: { width?: CSSProperties['width']; className?: string }) {
  return (
    <span className={className ? `skeleton-line ${className}` : 'skeleton-line'}>
      <span className="skeleton-bar" style={{ width }} />
      {NBSP}
    </span>
  );
}

/** The status line a screen reader hears while the skeleton is shown. */
export function LoadingStatus({ text }: { text: string }) {
  return (
    <p className="visually-hidden" role="status">
      {text}
    </p>
  );
}

/**
 * The free times as they will be: the zone lines and legend, `days` days of `rows` rows of slots
 * (each a slot's box with both times), and the actions under them.
 */
export function FreeTimesSkeleton({ days = 3, rows = 3, theirTime = true }: { days?: number; rows?: number; theirTime?: boolean }) {
  return (
    <div className="skeleton" aria-hidden="true" data-testid="sched-skeleton">
      <div className="sched-zones">
        <p>
          <SkeletonLine width="70%" />
        </p>
        <p>
          <SkeletonLine width="90%" />
        </p>
      </div>
      <p className="sched-legend">
        <SkeletonLine width="80%" />
      </p>
      <div className="sched-days">
        {Array.from({ length: days }, (_, day) => (
          <div key={day} className="sched-day">
            <p className="sched-day-heading">
              <SkeletonLine width="40%" />
            </p>
            <ul className="sched-slots" role="presentation">
              {Array.from({ length: rows * 3 }, (_, slot) => (
                <li key={slot}>
                  <span className="slot slot-skeleton">
                    <span className="slot-rep">{NBSP}</span>
                    {theirTime ? <span className="slot-theirs">{NBSP}</span> : null}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <div className="sched-actions">
        <span className="button button-secondary skeleton-button">{NBSP}</span>
      </div>
    </div>
  );
}

/** `count` meeting cards as they will be: title, time, the person's time, actions. */
export function MeetingsSkeleton({ count = 3 }: { count?: number }) {
  return (
    <ul className="sched-meetings skeleton" aria-hidden="true" role="presentation" data-testid="sched-meetings-skeleton">
      {Array.from({ length: count }, (_, index) => (
        <li key={index} className="sched-meeting">
          <p className="sched-meeting-title">
            <SkeletonLine width="60%" />
          </p>
          <p className="sched-meeting-when">
            <SkeletonLine width="75%" />
          </p>
          <p className="sched-meeting-more">
            <SkeletonLine width="50%" />
          </p>
          <div className="sched-meeting-actions">
            <span className="button-link">
              <SkeletonLine width="9ch" />
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
