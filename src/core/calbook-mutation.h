/* calbook-mutation.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * CalbookMutationKind:
 * @CALBOOK_MUTATION_CREATE: book a slot (POST /v2/bookings)
 * @CALBOOK_MUTATION_RESCHEDULE: move a booking; Cal.com makes a new one
 * @CALBOOK_MUTATION_CANCEL: cancel a booking
 * @CALBOOK_MUTATION_CONFIRM: accept a booking that needs confirmation
 * @CALBOOK_MUTATION_DECLINE: refuse a booking that needs confirmation
 * @CALBOOK_MUTATION_MARK_ABSENT: mark the host and/or attendees as no-shows
 * @CALBOOK_MUTATION_LOCATION: change where a booking takes place
 * @CALBOOK_MUTATION_GUESTS: add guests to a booking
 *
 * The changes a person can make to Cal.com bookings; each one is an outbox
 * entry until Cal.com has it. (What the sync *saw* happen is a
 * #CalbookChangeKind.)
 */
typedef enum
{
  CALBOOK_MUTATION_CREATE,
  CALBOOK_MUTATION_RESCHEDULE,
  CALBOOK_MUTATION_CANCEL,
  CALBOOK_MUTATION_CONFIRM,
  CALBOOK_MUTATION_DECLINE,
  CALBOOK_MUTATION_MARK_ABSENT,
  CALBOOK_MUTATION_LOCATION,
  CALBOOK_MUTATION_GUESTS,
} CalbookMutationKind;

#define CALBOOK_MUTATION_N_KINDS (CALBOOK_MUTATION_GUESTS + 1)

/**
 * CalbookLocationKind:
 * @CALBOOK_LOCATION_ADDRESS: in person at the organizer's address ("address")
 * @CALBOOK_LOCATION_PHONE: the organizer's phone number ("phone")
 * @CALBOOK_LOCATION_LINK: a meeting link ("link")
 * @CALBOOK_LOCATION_INTEGRATION: a conferencing app such as "cal-video" or
 *   "zoom" ("integration"); only when booking, Cal.com can't switch to one later
 * @CALBOOK_LOCATION_ATTENDEE_ADDRESS: at the attendee's address ("attendeeAddress")
 * @CALBOOK_LOCATION_ATTENDEE_PHONE: the organizer calls the attendee ("attendeePhone")
 * @CALBOOK_LOCATION_ATTENDEE_DEFINED: a place the attendee names ("attendeeDefined")
 * @CALBOOK_LOCATION_ORGANIZERS_DEFAULT_APP: the organizer's default conferencing
 *   app ("organizersDefaultApp"); only when booking
 *
 * The typed locations of Cal.com's 2024-08-13 booking inputs.
 */
typedef enum
{
  CALBOOK_LOCATION_ADDRESS,
  CALBOOK_LOCATION_PHONE,
  CALBOOK_LOCATION_LINK,
  CALBOOK_LOCATION_INTEGRATION,
  CALBOOK_LOCATION_ATTENDEE_ADDRESS,
  CALBOOK_LOCATION_ATTENDEE_PHONE,
  CALBOOK_LOCATION_ATTENDEE_DEFINED,
  CALBOOK_LOCATION_ORGANIZERS_DEFAULT_APP,
} CalbookLocationKind;

/**
 * CalbookAbsence:
 * @CALBOOK_ABSENCE_UNCHANGED: leave as it is (the member is not sent)
 * @CALBOOK_ABSENCE_ABSENT: was a no-show
 * @CALBOOK_ABSENCE_PRESENT: was there after all (undoes a no-show)
 */
typedef enum
{
  CALBOOK_ABSENCE_UNCHANGED,
  CALBOOK_ABSENCE_ABSENT,
  CALBOOK_ABSENCE_PRESENT,
} CalbookAbsence;

/**
 * CalbookCreateRequest:
 * @event_type_id: the event type to book (> 0)
 * @start: the slot's start (any time zone; sent in UTC)
 * @attendee_name: the attendee's name
 * @attendee_email: (nullable): the attendee's e-mail
 * @attendee_phone: (nullable): the attendee's phone number, international format
 * @attendee_time_zone: (nullable): IANA zone; %NULL for this computer's zone
 * @attendee_language: (nullable): e.g. "de", for Cal.com's e-mails to the attendee
 * @guests: (nullable) (array zero-terminated=1): guest e-mails
 * @location: (nullable): from calbook_mutation_build_location(), one of the
 *   event type's locations; %NULL for the event type's default
 * @notes: (nullable): notes for the host
 * @length_in_minutes: for an event type with several lengths, the one chosen;
 *   0 for the event type's default (must be 0 for single-length event types)
 * @recurrence_count: for a recurring event type, how many occurrences (at most
 *   the event type's count); 0 for the event type's count
 * @client_request_id: (nullable): the outbox's id for this create (kept in
 *   metadata so a replayed create is recognized); a new one when %NULL
 *
 * What a person chose when booking a slot. Empty strings count as absent.
 */
typedef struct
{
  gint64              event_type_id;
  GDateTime          *start;
  const char         *attendee_name;
  const char         *attendee_email;
  const char         *attendee_phone;
  const char         *attendee_time_zone;
  const char         *attendee_language;
  const char * const *guests;
  JsonObject         *location;
  const char         *notes;
  guint               length_in_minutes;
  guint               recurrence_count;
  const char         *client_request_id;
} CalbookCreateRequest;

/* The metadata member that carries a create's client request id */
#define CALBOOK_MUTATION_REQUEST_ID_KEY "calbookRequestId"

#define CALBOOK_TYPE_MUTATION_KIND (calbook_mutation_kind_get_type ())
#define CALBOOK_TYPE_LOCATION_KIND (calbook_location_kind_get_type ())

GType        calbook_mutation_kind_get_type          (void) G_GNUC_CONST;
GType        calbook_location_kind_get_type          (void) G_GNUC_CONST;

/* "create", "reschedule", "cancel", "confirm", "decline", "mark-absent",
 * "location", "guests": what the outbox stores and the API client routes */
const char  *calbook_mutation_kind_to_string         (CalbookMutationKind  kind);
gboolean     calbook_mutation_kind_from_string       (const char          *string,
                                                      CalbookMutationKind *out_kind);
/* Every kind but CREATE acts on an existing booking */
gboolean     calbook_mutation_kind_needs_booking     (CalbookMutationKind  kind);

/* "address", "phone", "link", "integration", "attendeeAddress", "attendeePhone",
 * "attendeeDefined", "organizersDefaultApp": Cal.com's `type` */
const char  *calbook_location_kind_to_string         (CalbookLocationKind  kind);
gboolean     calbook_location_kind_from_string       (const char          *string,
                                                      CalbookLocationKind *out_kind);
/* Whether PATCH …/location accepts it (integrations can only be booked) */
gboolean     calbook_location_kind_can_change        (CalbookLocationKind  kind);

JsonObject  *calbook_mutation_build_location         (CalbookLocationKind  kind,
                                                      const char          *value);

JsonObject  *calbook_mutation_build_create_body      (const CalbookCreateRequest *request);
JsonObject  *calbook_mutation_build_reschedule_body  (GDateTime           *start,
                                                      const char          *reason,
                                                      const char          *rescheduled_by);
JsonObject  *calbook_mutation_build_cancel_body      (const char          *reason,
                                                      gboolean             cancel_subsequent);
JsonObject  *calbook_mutation_build_confirm_body     (void);
JsonObject  *calbook_mutation_build_decline_body     (const char          *reason);
JsonObject  *calbook_mutation_build_mark_absent_body (CalbookAbsence       host,
                                                      GPtrArray           *attendees);
JsonObject  *calbook_mutation_build_location_body    (CalbookLocationKind  kind,
                                                      const char          *value);
JsonObject  *calbook_mutation_build_guests_body      (GPtrArray           *guests);

G_END_DECLS
