//! Swipe to scroll: a finger on a page moves it just as far as the finger
//! travels, from wherever the press began (an answer, a text field, a
//! matrix), however slow the frames.
//!
//! egui's own drag-to-scroll (`ScrollSource::drag`) missed on a cheap
//! kiosk, for four reasons found in its code:
//! - it moves the page by the pointer's movement *per frame* once the drag
//!   is decided, so the travel before the decision is lost, and a swipe
//!   whose press, moves and release arrive in one slow frame moves it 0 px
//!   (egui never calls a press and release in one frame a drag);
//! - a widget that senses drags itself (a text field, to select text)
//!   takes the swipe, and the field it began on takes the focus, opening
//!   the on-screen keyboard under the finger;
//! - its fling takes the pointer's velocity at release, which on slow
//!   frames can point the wrong way (the jump from one touch to the next);
//! - nothing stops a fling when the next finger comes down, so the page was
//!   still moving under the tap that followed.
//!
//! Here the page's offset is a function of where the finger is against
//! where it pressed, read from the frame's raw pointer events in order
//! ([`Swipe::feed`], plain logic with unit tests); a press stops a fling;
//! a press that becomes a swipe gives back the focus it moved and is never
//! a tap. Nested scroll areas and drag handles (rank's grips) [`claim`]
//! their rects, so a swipe that starts on them is theirs.

use egui::scroll_area::{DragScroll, ScrollSource};
use egui::{Event, Id, PointerButton, Pos2, Rect, ScrollArea, Ui};

/// The longest a fling runs for, as a time constant of its decay (s): a
/// fling goes on for about this long times its speed.
const FLING_DECAY: f64 = 0.35;
/// The fastest fling (points a second).
const FLING_MAX: f32 = 5000.0;
/// Slower than this, a fling is over (points a second).
const FLING_MIN: f32 = 60.0;
/// The finger's speed is measured over its last this long (s).
const VELOCITY_WINDOW: f64 = 0.1;
/// A finger that rested this long before it lifted does not fling (s).
const REST: f64 = 0.05;

/// One scroll area's swipe: what the finger is doing, and where the area
/// stood after the last frame.
#[derive(Clone, Debug, Default)]
pub struct Swipe {
    phase: Phase,
    /// The area's offset after the last frame.
    offset: f32,
    /// The largest offset the area's content allows.
    max_offset: f32,
}

#[derive(Clone, Debug, Default)]
enum Phase {
    #[default]
    Idle,
    /// A finger is down, not yet far enough from where it pressed to be a
    /// swipe (it may still be a tap). `focus` is what had the focus before
    /// the press.
    Pressed { origin: Pos2, focus: Option<Id> },
    /// The page follows the finger: `offset - (finger.y - origin.y)`.
    Moving {
        origin: Pos2,
        offset: f32,
        /// The finger's height at the end of recent frames, with the time.
        samples: Vec<(f64, f32)>,
    },
    /// The finger lifted while moving: the page glides on, slowing.
    Flinging { velocity: f32, since: f64 },
}

/// What a frame's events did to the area.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Step {
    /// The offset to show this frame (none: leave the area where it is).
    pub offset: Option<f32>,
    /// The press just became a swipe: give the focus back to this (it may
    /// have moved to what the press landed on), and let nothing under the
    /// finger take the press.
    pub became_swipe: Option<Option<Id>>,
}

impl Swipe {
    /// Whether the area still moves with no finger on it (a fling).
    pub fn is_animating(&self) -> bool {
        matches!(self.phase, Phase::Flinging { .. })
    }

    /// Whether a finger is moving the area now.
    pub fn is_moving(&self) -> bool {
        matches!(self.phase, Phase::Moving { .. })
    }

    /// Reads one frame's `events` in order, at `time` (s). `slop` is how far
    /// a press may move and still be a tap (egui's `max_click_dist`, so a
    /// press is either a tap or a swipe, never both); `focus` is what has
    /// the focus before the frame's widgets run; `accepts` says whether a
    /// press at a point is this area's (inside it, on its layer, not on
    /// something that claimed it).
    pub fn feed(
        &mut self,
        events: &[Event],
        time: f64,
        slop: f32,
        focus: Option<Id>,
        accepts: impl Fn(Pos2) -> bool,
    ) -> Step {
        let mut step = Step::default();
        if let Phase::Flinging { velocity, since } = self.phase {
            self.fling(velocity, since, time, &mut step);
        }
        for event in events {
            match event {
                Event::PointerButton {
                    pos,
                    button: PointerButton::Primary,
                    pressed,
                    ..
                } => {
                    if *pressed {
                        // A finger coming down stops a fling where it is.
                        self.phase = if accepts(*pos) {
                            Phase::Pressed {
                                origin: *pos,
                                focus,
                            }
                        } else {
                            Phase::Idle
                        };
                    } else {
                        self.moved_to(*pos, time, slop, &mut step);
                        self.lift(time);
                    }
                }
                Event::PointerMoved(pos) => self.moved_to(*pos, time, slop, &mut step),
                Event::PointerGone if !self.is_animating() => self.phase = Phase::Idle,
                _ => {}
            }
        }
        step
    }

    /// The finger is at `pos`: a press far enough from where it began
    /// becomes a swipe (if it goes more up or down than sideways), and a
    /// swipe moves the area.
    fn moved_to(&mut self, pos: Pos2, time: f64, slop: f32, step: &mut Step) {
        match &mut self.phase {
            Phase::Pressed { origin, focus } => {
                let travel = pos - *origin;
                if travel.length() <= slop {
                    return;
                }
                if travel.y.abs() < travel.x.abs() {
                    // Sideways: not a scroll of this area.
                    self.phase = Phase::Idle;
                    return;
                }
                step.became_swipe = Some(*focus);
                self.phase = Phase::Moving {
                    origin: *origin,
                    offset: self.offset,
                    samples: Vec::new(),
                };
                self.moved_to(pos, time, slop, step);
            }
            Phase::Moving {
                origin,
                offset,
                samples,
            } => {
                let wanted = *offset - (pos.y - origin.y);
                let shown = wanted.clamp(0.0, self.max_offset);
                // Against an end, the finger's travel past it is let go,
                // so the page turns back the moment the finger does.
                origin.y -= wanted - shown;
                self.offset = shown;
                step.offset = Some(shown);
                // One sample a frame: the finger's height at its end.
                match samples.last_mut() {
                    Some(last) if last.0 == time => last.1 = pos.y,
                    _ => samples.push((time, pos.y)),
                }
                samples.retain(|(t, _)| *t >= time - VELOCITY_WINDOW);
            }
            Phase::Idle | Phase::Flinging { .. } => {}
        }
    }

    /// The finger lifted at `time`: a swipe still moving flings on.
    fn lift(&mut self, time: f64) {
        let velocity = match &self.phase {
            Phase::Moving { samples, .. } => finger_velocity(samples, time),
            _ => 0.0,
        };
        self.phase = if velocity.abs() >= FLING_MIN {
            // The finger going up (negative) moves the offset down the page.
            Phase::Flinging {
                velocity: -velocity.clamp(-FLING_MAX, FLING_MAX),
                since: time,
            }
        } else {
            Phase::Idle
        };
    }

    /// A fling's travel from `since` to `time`.
    fn fling(&mut self, velocity: f32, since: f64, time: f64, step: &mut Step) {
        let dt = (time - since).max(0.0);
        let decay = (-dt / FLING_DECAY).exp();
        let travel = f64::from(velocity) * FLING_DECAY * (1.0 - decay);
        #[allow(clippy::cast_possible_truncation)] // points on a screen
        let wanted = self.offset + travel as f32;
        let shown = wanted.clamp(0.0, self.max_offset);
        #[allow(clippy::cast_possible_truncation)]
        let velocity = (f64::from(velocity) * decay) as f32;
        self.offset = shown;
        step.offset = Some(shown);
        self.phase = if velocity.abs() < FLING_MIN || shown != wanted {
            Phase::Idle
        } else {
            Phase::Flinging {
                velocity,
                since: time,
            }
        };
    }

    /// Where the area stood after the frame, and how far its content lets
    /// it go.
    pub fn shown(&mut self, offset: f32, max_offset: f32) {
        self.offset = offset;
        self.max_offset = max_offset.max(0.0);
    }
}

/// The finger's speed (points a second, down positive) over its last
/// [`VELOCITY_WINDOW`] before `time`; none if it rested before lifting or
/// the window holds one frame only.
fn finger_velocity(samples: &[(f64, f32)], time: f64) -> f32 {
    let recent: Vec<&(f64, f32)> = samples
        .iter()
        .filter(|(t, _)| *t >= time - VELOCITY_WINDOW)
        .collect();
    let (Some(first), Some(last)) = (recent.first(), recent.last()) else {
        return 0.0;
    };
    let span = last.0 - first.0;
    if last.0 < time - REST || span < 0.005 {
        return 0.0;
    }
    #[allow(clippy::cast_possible_truncation)] // points a second
    let span = span as f32;
    (last.1 - first.1) / span
}

/// Rects claimed for their own drags this frame and the last.
#[derive(Clone, Debug, Default)]
struct Claims {
    pass: u64,
    now: Vec<(Id, Rect)>,
    before: Vec<(Id, Rect)>,
}

fn claims_id() -> Id {
    Id::unique("swipe-claims")
}

/// A swipe that starts in `rect` belongs to `owner` (a nested scroll area,
/// or [`Id::NULL`] for a drag handle): an area around it leaves it alone.
pub fn claim(ctx: &egui::Context, owner: Id, rect: Rect) {
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| {
        let claims = d.get_temp_mut_or_default::<Claims>(claims_id());
        if claims.pass != pass {
            claims.before = if claims.pass + 1 == pass {
                std::mem::take(&mut claims.now)
            } else {
                Vec::new()
            };
            claims.now.clear();
            claims.pass = pass;
        }
        claims.now.push((owner, rect));
    });
}

/// What others claimed in the last frame (the screen the finger saw),
/// inside an area showing `view`: a claim as large as the view or larger is
/// an area around this one (a page around a popup's list), not in it.
fn claimed_before(ctx: &egui::Context, except: Id, view: Option<Rect>) -> Vec<Rect> {
    let pass = ctx.cumulative_pass_nr();
    let claims = ctx.data(|d| d.get_temp::<Claims>(claims_id()));
    let last = match claims {
        Some(c) if c.pass == pass => c.before,
        Some(c) if c.pass + 1 == pass => c.now,
        _ => Vec::new(),
    };
    last.into_iter()
        .filter(|(owner, rect)| *owner != except && view.is_some_and(|v| rect.area() < v.area()))
        .map(|(_, rect)| rect)
        .collect()
}

/// Shows `area` (given the salt `salt`) with swipe to scroll: its drag
/// source is this module's, its wheel and scroll bar egui's.
pub fn show<R>(
    ui: &mut Ui,
    area: ScrollArea,
    salt: impl egui::AsIdSalt,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    let ctx = ui.ctx().clone();
    let id = ui.make_persistent_id((&salt, "swipe"));
    let mut swipe: Swipe = ctx.data(|d| d.get_temp(id)).unwrap_or_default();
    let view = ctx.data(|d| d.get_temp::<Rect>(id.with("view")));
    let claimed = claimed_before(&ctx, id, view);
    let layer = ui.layer_id();
    let accepts = |pos: Pos2| {
        view.is_some_and(|v| v.contains(pos))
            && ctx.layer_id_at(pos).is_none_or(|l| l == layer)
            && !claimed.iter().any(|r| r.contains(pos))
    };
    let (events, time) = ctx.input(|i| {
        let pointer: Vec<Event> = i
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    Event::PointerButton { .. } | Event::PointerMoved(_) | Event::PointerGone
                )
            })
            .cloned()
            .collect();
        (pointer, i.time)
    });
    let slop = ctx.options(|o| o.input_options.max_click_dist);
    let focus = ctx.memory(|m| m.focused());
    let step = swipe.feed(&events, time, slop, focus, accepts);
    if let Some(focus_before) = step.became_swipe {
        // The press was a swipe, not a tap: nothing under the finger keeps
        // it (a text field would select text, and take the focus).
        ctx.set_dragged_id(id);
        let now = ctx.memory(|m| m.focused());
        if now != focus_before {
            ctx.memory_mut(|m| match (focus_before, now) {
                (Some(before), _) => m.request_focus(before),
                (None, Some(now)) => m.surrender_focus(now),
                (None, None) => {}
            });
        }
        crate::ui::keyboard::forget_scroll_request(&ctx);
    }
    let area = match step.offset {
        Some(offset) => area.vertical_scroll_offset(offset),
        None => area,
    };
    let output = area
        .id_salt(salt)
        .scroll_source(ScrollSource {
            scroll_bar: true,
            drag: DragScroll::Never,
            mouse_wheel: true,
        })
        .show(ui, add);
    let max_offset = output.content_size.y - output.inner_rect.height();
    swipe.shown(output.state.clamped_offset().y, max_offset);
    if swipe.is_animating() || swipe.is_moving() {
        ctx.request_repaint();
    }
    if max_offset > 0.0 {
        claim(&ctx, id, output.inner_rect);
    }
    ctx.data_mut(|d| {
        d.insert_temp(id, swipe);
        d.insert_temp(id.with("view"), output.inner_rect);
    });
    output.inner
}

#[cfg(test)]
mod tests {
    use super::*;

    const SLOP: f32 = 6.0;

    fn press(x: f32, y: f32) -> Event {
        Event::PointerButton {
            pos: Pos2::new(x, y),
            button: PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        }
    }

    fn lift(x: f32, y: f32) -> Event {
        Event::PointerButton {
            pos: Pos2::new(x, y),
            button: PointerButton::Primary,
            pressed: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    fn to(x: f32, y: f32) -> Event {
        Event::PointerMoved(Pos2::new(x, y))
    }

    /// A page 1000 points taller than its view, shown at `offset`.
    fn page(offset: f32) -> Swipe {
        let mut s = Swipe::default();
        s.shown(offset, 1000.0);
        s
    }

    fn feed(s: &mut Swipe, events: &[Event], time: f64) -> Step {
        let step = s.feed(events, time, SLOP, None, |_| true);
        if let Some(offset) = step.offset {
            s.shown(offset, 1000.0);
        }
        step
    }

    #[test]
    fn a_swipe_in_one_slow_frame_moves_the_page_by_the_whole_travel() {
        let mut s = page(100.0);
        let step = feed(
            &mut s,
            &[
                press(200.0, 500.0),
                to(200.0, 400.0),
                to(201.0, 300.0),
                lift(201.0, 300.0),
            ],
            1.0,
        );
        assert_eq!(step.offset, Some(300.0));
        assert_eq!(step.became_swipe, Some(None));
    }

    #[test]
    fn the_page_follows_the_finger_frame_by_frame_including_the_travel_before_the_decision() {
        let mut s = page(0.0);
        assert_eq!(feed(&mut s, &[press(100.0, 500.0)], 0.0).offset, None);
        // Under the slop: still a possible tap, the page stays.
        assert_eq!(feed(&mut s, &[to(100.0, 496.0)], 0.1).offset, None);
        assert_eq!(feed(&mut s, &[to(100.0, 450.0)], 0.2).offset, Some(50.0));
        // Back down: the page comes back with the finger.
        assert_eq!(feed(&mut s, &[to(100.0, 480.0)], 0.3).offset, Some(20.0));
        feed(&mut s, &[to(100.0, 480.0), lift(100.0, 480.0)], 1.0);
        assert!(!s.is_animating(), "a finger that rested does not fling");
    }

    #[test]
    fn a_tap_does_not_move_the_page() {
        let mut s = page(40.0);
        let step = feed(
            &mut s,
            &[press(10.0, 10.0), to(13.0, 12.0), lift(13.0, 12.0)],
            0.0,
        );
        assert_eq!(step, Step::default());
        assert!(!s.is_moving() && !s.is_animating());
    }

    #[test]
    fn a_sideways_drag_is_not_a_scroll() {
        let mut s = page(40.0);
        let step = feed(
            &mut s,
            &[press(10.0, 10.0), to(80.0, 30.0), to(80.0, 90.0)],
            0.0,
        );
        assert_eq!(step, Step::default());
    }

    #[test]
    fn a_press_outside_the_area_is_not_its_swipe() {
        let mut s = page(40.0);
        let step = s.feed(
            &[press(10.0, 10.0), to(10.0, 200.0)],
            0.0,
            SLOP,
            None,
            |p| p.y > 100.0,
        );
        assert_eq!(step, Step::default());
    }

    #[test]
    fn a_swipe_gives_back_the_focus_the_press_found() {
        let field = Id::unique("field");
        let mut s = page(0.0);
        let step = s.feed(
            &[press(10.0, 300.0), to(10.0, 200.0)],
            0.0,
            SLOP,
            Some(field),
            |_| true,
        );
        assert_eq!(step.became_swipe, Some(Some(field)));
    }

    #[test]
    fn the_page_stops_at_its_ends_and_turns_back_with_the_finger() {
        let mut s = page(950.0);
        feed(&mut s, &[press(0.0, 500.0), to(0.0, 300.0)], 0.0);
        assert_eq!(s.offset, 1000.0);
        // 150 points past the end were let go: 20 back is 20 back.
        assert_eq!(feed(&mut s, &[to(0.0, 320.0)], 0.1).offset, Some(980.0));
    }

    /// A finger moving up at 2000 points a second, one sample a frame.
    fn fast_swipe(s: &mut Swipe) {
        for i in 0..=5 {
            let t = f64::from(i) * 0.016;
            let y = 500.0 - 32.0 * i as f32;
            let mut events = vec![to(0.0, y)];
            if i == 0 {
                events.insert(0, press(0.0, y));
            }
            if i == 5 {
                events.push(lift(0.0, y));
            }
            feed(s, &events, t);
        }
    }

    #[test]
    fn a_fast_swipe_glides_on_the_same_way_and_slows_to_a_stop() {
        let mut s = page(0.0);
        fast_swipe(&mut s);
        assert!(s.is_animating());
        let lifted_at = s.offset;
        let mut last = lifted_at;
        let mut t = 0.08;
        while s.is_animating() {
            t += 0.016;
            feed(&mut s, &[], t);
            assert!(s.offset >= last, "the glide goes the finger's way");
            last = s.offset;
            assert!(t < 5.0, "the glide stops");
        }
        // About velocity × decay time: 2000 × 0.35 = 700 points.
        assert!(
            (500.0..=760.0).contains(&(last - lifted_at)),
            "glided {}",
            last - lifted_at
        );
    }

    #[test]
    fn a_press_stops_a_glide_where_it_is() {
        let mut s = page(0.0);
        fast_swipe(&mut s);
        feed(&mut s, &[], 0.2);
        let at = s.offset;
        let step = feed(&mut s, &[press(0.0, 300.0)], 0.21);
        assert!(!s.is_animating());
        // The glide's last bit this frame is shown, then it stops.
        assert!(step.offset.is_some_and(|o| o - at < 40.0));
        let held = s.offset;
        assert_eq!(feed(&mut s, &[], 0.5).offset, None);
        assert_eq!(s.offset, held);
    }

    #[test]
    fn a_glide_stops_at_the_end_of_the_page() {
        let mut s = page(900.0);
        fast_swipe(&mut s);
        let mut t = 0.08;
        while s.is_animating() {
            t += 0.016;
            feed(&mut s, &[], t);
        }
        assert_eq!(s.offset, 1000.0);
        assert!(t < 1.0, "stopped at the end, not later");
    }

    #[test]
    fn a_swipe_of_one_frame_does_not_glide() {
        let mut s = page(0.0);
        feed(
            &mut s,
            &[press(0.0, 500.0), to(0.0, 100.0), lift(0.0, 100.0)],
            0.0,
        );
        assert!(!s.is_animating());
        assert_eq!(s.offset, 400.0);
    }
}
