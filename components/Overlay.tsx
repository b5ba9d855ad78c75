import { Checklist } from './Checklist.tsx';
import { Eligibility } from './Eligibility.tsx';
import type {
  ChecklistView,
  FlowEligibilityView,
  GuardView,
  ItemActions,
  ViewContext,
} from './model.ts';
import { SubmitGuard } from './SubmitGuard.tsx';

export type OverlayContent =
  | { kind: 'checklist'; view: ChecklistView }
  | { kind: 'eligibility'; flows: FlowEligibilityView[] };

export interface OverlayProps {
  content: OverlayContent;
  ctx: ViewContext;
  actions: ItemActions & { onForgetAll(): void };
  guard?: GuardView | undefined;
}

/** The panel placed under the page heading, and the submit guard when it asks. */
export function Overlay({ content, ctx, actions, guard }: OverlayProps) {
  return (
    <div class="policylens" lang={ctx.lang}>
      {content.kind === 'checklist' ? (
        // One page's checklist per instance: what is folded and the height kept are its own.
        <Checklist key={content.view.flow} view={content.view} ctx={ctx} actions={actions} />
      ) : (
        <Eligibility flows={content.flows} ctx={ctx} actions={actions} />
      )}
      {guard && <SubmitGuard guard={guard} lang={ctx.lang} />}
    </div>
  );
}
