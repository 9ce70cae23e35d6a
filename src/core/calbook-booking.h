/* calbook-booking.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "calbook-person.h"

G_BEGIN_DECLS

/**
 * CalbookBookingStatus:
 * @CALBOOK_BOOKING_STATUS_PENDING: Cal.com "pending": waits for the host to confirm
 * @CALBOOK_BOOKING_STATUS_CONFIRMED: Cal.com "accepted"
 * @CALBOOK_BOOKING_STATUS_CANCELLED: Cal.com "cancelled" without rescheduledToUid
 * @CALBOOK_BOOKING_STATUS_RESCHEDULED: Cal.com "cancelled" with rescheduledToUid (the old half of a move)
 * @CALBOOK_BOOKING_STATUS_DECLINED: Cal.com "rejected"
 * @CALBOOK_BOOKING_STATUS_OTHER: any other value ("awaiting_host", future ones): kept and shown as it comes
 *
 * The status a person sees (docs/architecture.md §2). Filters combine them as a mask of
 * `1 << status`.
 */
typedef enum
{
  CALBOOK_BOOKING_STATUS_PENDING,
  CALBOOK_BOOKING_STATUS_CONFIRMED,
  CALBOOK_BOOKING_STATUS_CANCELLED,
  CALBOOK_BOOKING_STATUS_RESCHEDULED,
  CALBOOK_BOOKING_STATUS_DECLINED,
  CALBOOK_BOOKING_STATUS_OTHER,
} CalbookBookingStatus;

#define CALBOOK_BOOKING_STATUS_MASK(s) (1u << (s))
#define CALBOOK_BOOKING_STATUS_MASK_ALL ((1u << (CALBOOK_BOOKING_STATUS_OTHER + 1)) - 1)

#define CALBOOK_TYPE_BOOKING_STATUS (calbook_booking_status_get_type ())

GType calbook_booking_status_get_type (void) G_GNUC_CONST;

#define CALBOOK_TYPE_BOOKING (calbook_booking_get_type ())

G_DECLARE_FINAL_TYPE (CalbookBooking, calbook_booking, CALBOOK, BOOKING, GObject)

/* Construction: the only way in is Cal.com's JSON (2024-08-13 booking output). */
CalbookBooking       *calbook_booking_new_from_json          (JsonObject      *object,
                                                              GError         **error);
CalbookBooking       *calbook_booking_new_from_json_string   (const char      *json,
                                                              gssize           length,
                                                              GError         **error);
CalbookBooking       *calbook_booking_new_from_json_with_text (JsonObject     *object,
                                                              const char      *text,
                                                              gssize           length,
                                                              GError         **error);
JsonObject           *calbook_booking_to_json                (CalbookBooking  *self);
const char           *calbook_booking_get_json_text          (CalbookBooking  *self);
char                 *calbook_booking_to_json_string         (CalbookBooking  *self);
gboolean              calbook_booking_equal                  (CalbookBooking  *a,
                                                              CalbookBooking  *b);

gboolean              calbook_booking_parse_time             (const char      *text,
                                                              gsize            length,
                                                              gint64          *out_ms);

/* Status */
CalbookBookingStatus  calbook_booking_status_from_api        (const char      *api_status,
                                                              const char      *rescheduled_to_uid);
const char           *calbook_booking_status_to_label        (CalbookBookingStatus status);
const char           *calbook_booking_get_api_status         (CalbookBooking  *self);
CalbookBookingStatus  calbook_booking_get_status             (CalbookBooking  *self);
const char           *calbook_booking_get_status_label       (CalbookBooking  *self);

/* Identity and content */
gint64                calbook_booking_get_id                 (CalbookBooking  *self);
const char           *calbook_booking_get_uid                (CalbookBooking  *self);
const char           *calbook_booking_get_title              (CalbookBooking  *self);
const char           *calbook_booking_get_description        (CalbookBooking  *self);
const char           *calbook_booking_get_location           (CalbookBooking  *self);
const char           *calbook_booking_get_meeting_url        (CalbookBooking  *self);
const char           *calbook_booking_get_notes              (CalbookBooking  *self);
gint64                calbook_booking_get_event_type_id      (CalbookBooking  *self);
const char           *calbook_booking_get_event_type_slug    (CalbookBooking  *self);

/* Times: UTC seconds since the epoch; duration in minutes */
gint64                calbook_booking_get_start              (CalbookBooking  *self);
gint64                calbook_booking_get_end                (CalbookBooking  *self);
int                   calbook_booking_get_duration           (CalbookBooking  *self);
gint64                calbook_booking_get_created_at         (CalbookBooking  *self);
gint64                calbook_booking_get_updated_at         (CalbookBooking  *self);
/* The same in milliseconds, as Cal.com compares them; 0 when unknown */
gint64                calbook_booking_get_created_at_ms      (CalbookBooking  *self);
gint64                calbook_booking_get_updated_at_ms      (CalbookBooking  *self);

/* People: (transfer none) (element-type CalbookPerson), never NULL */
GPtrArray            *calbook_booking_get_hosts              (CalbookBooking  *self);
GPtrArray            *calbook_booking_get_attendees          (CalbookBooking  *self);
/* (transfer none) (element-type utf8): guest e-mail addresses, never NULL */
GPtrArray            *calbook_booking_get_guests             (CalbookBooking  *self);
gboolean              calbook_booking_get_absent_host        (CalbookBooking  *self);
gboolean              calbook_booking_has_host               (CalbookBooking  *self,
                                                              gint64           user_id);
gboolean              calbook_booking_involves_user          (CalbookBooking  *self,
                                                              gint64           user_id,
                                                              const char      *email);

/* History */
const char           *calbook_booking_get_cancellation_reason (CalbookBooking *self);
const char           *calbook_booking_get_cancelled_by_email  (CalbookBooking *self);
const char           *calbook_booking_get_rejection_reason    (CalbookBooking *self);
const char           *calbook_booking_get_rescheduling_reason (CalbookBooking *self);
const char           *calbook_booking_get_rescheduled_by_email (CalbookBooking *self);
const char           *calbook_booking_get_rescheduled_from_uid (CalbookBooking *self);
const char           *calbook_booking_get_rescheduled_to_uid  (CalbookBooking *self);
const char           *calbook_booking_get_recurring_booking_uid (CalbookBooking *self);

/* Free-form: (transfer none) (nullable) */
JsonObject           *calbook_booking_get_metadata           (CalbookBooking  *self);
JsonObject           *calbook_booking_get_booking_fields_responses (CalbookBooking *self);
/* -1 when there is no rating */
int                   calbook_booking_get_rating             (CalbookBooking  *self);
double                calbook_booking_get_rating_value       (CalbookBooking  *self);

G_END_DECLS
