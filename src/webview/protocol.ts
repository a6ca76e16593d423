/** The message every page shares, whatever else it says. Pure: both sides import the type. */

/** A page's first message: its script runs and listens. The extension posts nothing before it. */
export interface Ready {
  type: 'ready';
}
