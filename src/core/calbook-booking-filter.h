/* calbook-booking-filter.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"
#include "calbook-booking-column.h"

G_BEGIN_DECLS

/**
 * CalbookBookingSort:
 * @CALBOOK_BOOKING_SORT_START_ASC: by start, then by uid (byte order)
 * @CALBOOK_BOOKING_SORT_START_DESC: the exact reverse of @CALBOOK_BOOKING_SORT_START_ASC
 * @CALBOOK_BOOKING_SORT_UPDATED_DESC: by last update, newest first, then by uid descending
 *
 * The uid breaks ties so that the order is total and pages never overlap.
 */
typedef enum
{
  CALBOOK_BOOKING_SORT_START_ASC,
  CALBOOK_BOOKING_SORT_START_DESC,
  CALBOOK_BOOKING_SORT_UPDATED_DESC,
} CalbookBookingSort;

#define CALBOOK_TYPE_BOOKING_FILTER (calbook_booking_filter_get_type ())

/**
 * CalbookBookingFilter:
 * @status_mask: `CALBOOK_BOOKING_STATUS_MASK (s)` bits; 0 means every status
 * @user_id: only this Cal.com user's own bookings (see @user_email); 0 means anyone's
 * @range_start: only bookings whose [start, end) overlaps [@range_start, @range_end);
 *   G_MININT64 means unbounded
 * @range_end: see @range_start; G_MAXINT64 means unbounded
 * @text: (nullable): free text; every word must match (case-insensitive prefix of a
 *   word) in title, description, attendee/host names and e-mails, location or notes
 * @sort: the order of query results when @sort_column is
 *   %CALBOOK_BOOKING_COLUMN_DEFAULT
 * @user_email: (nullable): the e-mail address of @user_id: with it, "own" is
 *   calbook_booking_involves_user() (organizer, host or attendee); without it,
 *   bookings @user_id organizes or hosts
 * @user_ids: (nullable) (element-type gint64): only bookings organized or
 *   hosted by one of these Cal.com users (by id), or, with @user_emails, on
 *   which one of those addresses is (Cal.com's `userIds` filter); %NULL or
 *   empty (both) means anyone's
 * @user_emails: (nullable) (element-type utf8): see @user_ids: bookings on
 *   which one of these e-mail addresses is (host, attendee or guest, any case)
 * @event_type_ids: (nullable) (element-type gint64): only bookings of one of
 *   these event types; %NULL or empty means any
 * @recurring_only: only bookings that belong to a recurring series
 * @sort_column: the column to sort by; %CALBOOK_BOOKING_COLUMN_DEFAULT leaves
 *   it to @sort
 * @sort_descending: with @sort_column, the exact reverse of its order
 *
 * What a view asks the store for. calbook_booking_filter_matches() is the
 * reference meaning the store's SQL must agree with (the property tests
 * compare the two). Set the arrays with the setters below, or own them:
 * calbook_booking_filter_free() unrefs them and copies get their own.
 *
 * The range: a booking covers [start, end), and one whose end is not after its
 * start covers the single second [start, start + 1), so that it still shows up
 * on the day it happens.
 *
 * The text rule, the same for the filter and the store's full-text index (which
 * is fed words made by the same code, so the two cannot drift apart): text is
 * decomposed (NFKD), case-folded and stripped of combining marks, then cut into
 * words at every character that is not a letter or a digit; each word is
 * recomposed (NFC) and cut to 64 characters. "Élodie O'Brien-Smith" gives
 * "elodie", "o", "brien", "smith"; "ＡＢＣ" gives "abc". A booking matches when
 * every word of the filter's text is the beginning of some word of its title,
 * description, location, notes, or a host's or attendee's name or e-mail
 * address. Punctuation, quotes and operators in the text are only separators,
 * never search syntax; a text without any word filters nothing.
 */
typedef struct
{
  guint                 status_mask;
  gint64                user_id;
  gint64                range_start;
  gint64                range_end;
  char                 *text;
  CalbookBookingSort    sort;
  char                 *user_email;
  GArray               *user_ids;
  GArray               *event_type_ids;
  gboolean              recurring_only;
  CalbookBookingColumn  sort_column;
  gboolean              sort_descending;
  GPtrArray            *user_emails;
} CalbookBookingFilter;

GType                 calbook_booking_filter_get_type (void) G_GNUC_CONST;
CalbookBookingFilter *calbook_booking_filter_new      (void);
CalbookBookingFilter *calbook_booking_filter_copy     (const CalbookBookingFilter *self);
void                  calbook_booking_filter_free     (CalbookBookingFilter       *self);
void                  calbook_booking_filter_set_text (CalbookBookingFilter       *self,
                                                       const char                 *text);
void                  calbook_booking_filter_set_user_email (CalbookBookingFilter *self,
                                                             const char           *email);
void                  calbook_booking_filter_set_user_ids (CalbookBookingFilter   *self,
                                                           const gint64           *ids,
                                                           guint                   n_ids);
void                  calbook_booking_filter_set_user_emails (CalbookBookingFilter *self,
                                                              const char * const   *emails);
void                  calbook_booking_filter_set_event_type_ids (CalbookBookingFilter *self,
                                                                 const gint64         *ids,
                                                                 guint                 n_ids);
gboolean              calbook_booking_filter_get_text_cut (const CalbookBookingFilter *self);
gboolean              calbook_booking_filter_is_empty (const CalbookBookingFilter *self);
gboolean              calbook_booking_filter_matches  (const CalbookBookingFilter *self,
                                                       CalbookBooking             *booking);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookBookingFilter, calbook_booking_filter_free)

G_END_DECLS
