/* calbook-mutation.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-mutation"

#include <string.h>

#include "calbook-api-client.h"
#include "calbook-mutation.h"
#include "calbook-person.h"

G_DEFINE_ENUM_TYPE (CalbookMutationKind, calbook_mutation_kind,
                    G_DEFINE_ENUM_VALUE (CALBOOK_MUTATION_CREATE, "create"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_MUTATION_RESCHEDULE, "reschedule"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_MUTATION_CANCEL, "cancel"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_MUTATION_CONFIRM, "confirm"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_MUTATION_DECLINE, "decline"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_MUTATION_MARK_ABSENT, "mark-absent"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_MUTATION_LOCATION, "location"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_MUTATION_GUESTS, "guests"))

G_DEFINE_ENUM_TYPE (CalbookLocationKind, calbook_location_kind,
                    G_DEFINE_ENUM_VALUE (CALBOOK_LOCATION_ADDRESS, "address"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_LOCATION_PHONE, "phone"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_LOCATION_LINK, "link"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_LOCATION_INTEGRATION, "integration"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_LOCATION_ATTENDEE_ADDRESS, "attendee-address"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_LOCATION_ATTENDEE_PHONE, "attendee-phone"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_LOCATION_ATTENDEE_DEFINED, "attendee-defined"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_LOCATION_ORGANIZERS_DEFAULT_APP,
                                         "organizers-default-app"))

/* Indexed by CalbookMutationKind: the strings the outbox has always stored */
static const char * const mutation_names[] = {
  "create", "reschedule", "cancel", "confirm", "decline", "mark-absent", "location", "guests",
};

G_STATIC_ASSERT (G_N_ELEMENTS (mutation_names) == CALBOOK_MUTATION_N_KINDS);

typedef struct
{
  const char *type;           /* Cal.com's `type` */
  const char *create_member;  /* the member holding the value when booking, if any */
  const char *change_member;  /* the member holding it in a change, NULL: can't change */
} LocationInfo;

/* Indexed by CalbookLocationKind, from BookingInput…Location_2024_08_13 and
 * UpdateBookingInput…Location_2024_08_13 in openapi.json. When booking, the
 * organizer's own kinds (address, phone, link) carry no value: Cal.com takes
 * the event type's. */
static const LocationInfo locations[] = {
  { "address",              NULL,          "address" },
  { "phone",                NULL,          "phone" },
  { "link",                 NULL,          "link" },
  { "integration",          "integration", NULL },
  { "attendeeAddress",      "address",     "address" },
  { "attendeePhone",        "phone",       "phone" },
  { "attendeeDefined",      "location",    "location" },
  { "organizersDefaultApp", NULL,          NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (locations) == CALBOOK_LOCATION_ORGANIZERS_DEFAULT_APP + 1);


/*
 * Auxiliary methods
 */

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static void
set_optional_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (!is_empty (value))
    json_object_set_string_member (object, member, value);
}

/* Cal.com wants an IANA name: "UTC" rather than a path such as
 * /etc/localtime when this computer's zone has no name */
static const char *
get_local_zone_name (GTimeZone *local)
{
  const char *identifier = g_time_zone_get_identifier (local);

  if (identifier != NULL && strchr (identifier, '/') != NULL && identifier[0] != '/')
    return identifier;

  return "UTC";
}

static gboolean
has_email (JsonArray  *array,
           const char *email)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (g_ascii_strcasecmp (json_object_get_string_member (item, "email"), email) == 0)
        return TRUE;
    }

  return FALSE;
}


/*
 * Public API
 */

/**
 * calbook_mutation_kind_to_string:
 * @kind: a #CalbookMutationKind
 *
 * Returns: the kind's name as the outbox stores it ("mark-absent", …)
 */
const char *
calbook_mutation_kind_to_string (CalbookMutationKind kind)
{
  g_return_val_if_fail ((guint) kind < CALBOOK_MUTATION_N_KINDS, NULL);

  return mutation_names[kind];
}

/**
 * calbook_mutation_kind_from_string:
 * @string: (nullable): a kind's name
 * @out_kind: (out) (optional): where to put the kind
 *
 * Returns: %TRUE when @string names a kind
 */
gboolean
calbook_mutation_kind_from_string (const char          *string,
                                   CalbookMutationKind *out_kind)
{
  if (string == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (mutation_names); i++)
    {
      if (g_str_equal (string, mutation_names[i]))
        {
          if (out_kind != NULL)
            *out_kind = (CalbookMutationKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * calbook_mutation_kind_needs_booking:
 * @kind: a #CalbookMutationKind
 *
 * Returns: %TRUE for every kind that acts on an existing booking (all but create)
 */
gboolean
calbook_mutation_kind_needs_booking (CalbookMutationKind kind)
{
  g_return_val_if_fail ((guint) kind < CALBOOK_MUTATION_N_KINDS, FALSE);

  return kind != CALBOOK_MUTATION_CREATE;
}

/**
 * calbook_location_kind_to_string:
 * @kind: a #CalbookLocationKind
 *
 * Returns: Cal.com's `type` for it ("attendeePhone", …)
 */
const char *
calbook_location_kind_to_string (CalbookLocationKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (locations), NULL);

  return locations[kind].type;
}

/**
 * calbook_location_kind_from_string:
 * @string: (nullable): a location `type` as Cal.com writes it (an event type's
 *   `locations[].type`, say)
 * @out_kind: (out) (optional): where to put the kind
 *
 * Returns: %TRUE when @string is a type a booking input can have
 */
gboolean
calbook_location_kind_from_string (const char          *string,
                                   CalbookLocationKind *out_kind)
{
  if (string == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (locations); i++)
    {
      if (g_str_equal (string, locations[i].type))
        {
          if (out_kind != NULL)
            *out_kind = (CalbookLocationKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * calbook_location_kind_can_change:
 * @kind: a #CalbookLocationKind
 *
 * Cal.com can set a booking's location afterwards only to an address, a
 * phone number, a link or what the attendee gives, not to a conferencing app.
 *
 * Returns: whether calbook_mutation_build_location_body() takes @kind
 */
gboolean
calbook_location_kind_can_change (CalbookLocationKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (locations), FALSE);

  return locations[kind].change_member != NULL;
}

static JsonObject *
new_location (CalbookLocationKind  kind,
              const char          *member,
              const char          *value)
{
  JsonObject *location = json_object_new ();

  json_object_set_string_member (location, "type", locations[kind].type);
  if (member != NULL)
    set_optional_string (location, member, value);

  return location;
}

/**
 * calbook_mutation_build_location:
 * @kind: one of the event type's locations
 * @value: (nullable): the integration ("cal-video", "zoom", …; see the event
 *   type's location) or the attendee's address, phone number or place;
 *   ignored for the organizer's address, phone and link, which Cal.com takes
 *   from the event type
 *
 * Builds the typed location of a new booking, for
 * #CalbookCreateRequest.location.
 *
 * Returns: (transfer full): the location
 */
JsonObject *
calbook_mutation_build_location (CalbookLocationKind  kind,
                                 const char          *value)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (locations), NULL);

  return new_location (kind, locations[kind].create_member, value);
}

/**
 * calbook_mutation_build_create_body:
 * @request: what was chosen
 *
 * Builds a CreateBookingInput_2024_08_13 body (CreateRecurringBookingInput
 * with a recurrence count). The client request id goes into
 * `metadata.calbookRequestId`.
 *
 * Returns: (transfer full): the body
 */
JsonObject *
calbook_mutation_build_create_body (const CalbookCreateRequest *request)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) attendee = NULL;
  g_autoptr(JsonObject) metadata = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *request_id = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->event_type_id > 0, NULL);
  g_return_val_if_fail (request->start != NULL, NULL);
  g_return_val_if_fail (request->attendee_name != NULL, NULL);

  start_text = calbook_api_client_format_time (request->start);

  body = json_object_new ();
  json_object_set_string_member (body, "start", start_text);
  json_object_set_int_member (body, "eventTypeId", request->event_type_id);
  if (request->length_in_minutes > 0)
    json_object_set_int_member (body, "lengthInMinutes", request->length_in_minutes);
  if (request->recurrence_count > 0)
    json_object_set_int_member (body, "recurrenceCount", request->recurrence_count);

  attendee = json_object_new ();
  json_object_set_string_member (attendee, "name", request->attendee_name);
  set_optional_string (attendee, "email", request->attendee_email);
  set_optional_string (attendee, "phoneNumber", request->attendee_phone);
  if (!is_empty (request->attendee_time_zone))
    {
      json_object_set_string_member (attendee, "timeZone", request->attendee_time_zone);
    }
  else
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      json_object_set_string_member (attendee, "timeZone", get_local_zone_name (local));
    }
  set_optional_string (attendee, "language", request->attendee_language);
  json_object_set_object_member (body, "attendee", g_steal_pointer (&attendee));

  if (request->guests != NULL)
    {
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; request->guests[i] != NULL; i++)
        {
          if (!is_empty (request->guests[i]))
            json_array_add_string_element (array, request->guests[i]);
        }

      if (json_array_get_length (array) > 0)
        json_object_set_array_member (body, "guests", g_steal_pointer (&array));
    }

  if (request->location != NULL)
    json_object_set_object_member (body, "location", json_object_ref (request->location));

  if (!is_empty (request->notes))
    {
      g_autoptr(JsonObject) responses = json_object_new ();

      json_object_set_string_member (responses, "notes", request->notes);
      json_object_set_object_member (body, "bookingFieldsResponses", g_steal_pointer (&responses));
    }

  /* Lets the outbox recognize this booking if the answer to the create is lost */
  request_id = is_empty (request->client_request_id) ? g_uuid_string_random ()
                                                      : g_strdup (request->client_request_id);
  metadata = json_object_new ();
  json_object_set_string_member (metadata, CALBOOK_MUTATION_REQUEST_ID_KEY, request_id);
  json_object_set_object_member (body, "metadata", g_steal_pointer (&metadata));

  return g_steal_pointer (&body);
}

/**
 * calbook_mutation_build_reschedule_body:
 * @start: the new start (Cal.com keeps the event type's length)
 * @reason: (nullable): why it moves
 * @rescheduled_by: (nullable): e-mail of who moves it; the event type owner's
 *   e-mail keeps a booking that needs confirmation confirmed
 *
 * Builds a RescheduleBookingInput_2024_08_13 body.
 *
 * Returns: (transfer full): the body
 */
JsonObject *
calbook_mutation_build_reschedule_body (GDateTime  *start,
                                        const char *reason,
                                        const char *rescheduled_by)
{
  JsonObject *body;
  g_autofree char *start_text = NULL;

  g_return_val_if_fail (start != NULL, NULL);

  start_text = calbook_api_client_format_time (start);

  body = json_object_new ();
  json_object_set_string_member (body, "start", start_text);
  set_optional_string (body, "reschedulingReason", reason);
  set_optional_string (body, "rescheduledBy", rescheduled_by);

  return body;
}

/**
 * calbook_mutation_build_cancel_body:
 * @reason: (nullable): why it is cancelled (Cal.com requires one when the
 *   caller is the organizer)
 * @cancel_subsequent: also cancel the later bookings of a recurring series
 *
 * Builds a CancelBookingInput_2024_08_13 body.
 *
 * Returns: (transfer full): the body
 */
JsonObject *
calbook_mutation_build_cancel_body (const char *reason,
                                    gboolean    cancel_subsequent)
{
  JsonObject *body = json_object_new ();

  set_optional_string (body, "cancellationReason", reason);
  if (cancel_subsequent)
    json_object_set_boolean_member (body, "cancelSubsequentBookings", TRUE);

  return body;
}

/**
 * calbook_mutation_build_confirm_body:
 *
 * Confirming takes no input; the outbox still keeps a body.
 *
 * Returns: (transfer full): an empty body
 */
JsonObject *
calbook_mutation_build_confirm_body (void)
{
  return json_object_new ();
}

/**
 * calbook_mutation_build_decline_body:
 * @reason: (nullable): why the booking is refused (Cal.com tells the attendee)
 *
 * Builds a DeclineBookingInput_2024_08_13 body.
 *
 * Returns: (transfer full): the body
 */
JsonObject *
calbook_mutation_build_decline_body (const char *reason)
{
  JsonObject *body = json_object_new ();

  set_optional_string (body, "reason", reason);

  return body;
}

/**
 * calbook_mutation_build_mark_absent_body:
 * @host: whether the host was a no-show
 * @attendees: (nullable) (element-type CalbookPerson): attendees to mark: each
 *   one's `email` and `absent`; people without an e-mail are left out
 *
 * Builds a MarkAbsentBookingInput_2024_08_13 body. Cal.com accepts it only
 * after the booking started.
 *
 * Returns: (transfer full): the body
 */
JsonObject *
calbook_mutation_build_mark_absent_body (CalbookAbsence  host,
                                         GPtrArray      *attendees)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonArray) array = json_array_new ();

  g_return_val_if_fail (host <= CALBOOK_ABSENCE_PRESENT, NULL);

  if (host != CALBOOK_ABSENCE_UNCHANGED)
    json_object_set_boolean_member (body, "host", host == CALBOOK_ABSENCE_ABSENT);

  for (guint i = 0; attendees != NULL && i < attendees->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (attendees, i);
      g_autoptr(JsonObject) item = NULL;

      if (is_empty (person->email) || has_email (array, person->email))
        continue;

      item = json_object_new ();
      json_object_set_string_member (item, "email", person->email);
      json_object_set_boolean_member (item, "absent", person->absent);
      json_array_add_object_element (array, g_steal_pointer (&item));
    }

  if (json_array_get_length (array) > 0)
    json_object_set_array_member (body, "attendees", g_steal_pointer (&array));

  return g_steal_pointer (&body);
}

/**
 * calbook_mutation_build_location_body:
 * @kind: where; calbook_location_kind_can_change() must allow it
 * @value: the address, phone number, link or attendee's place
 *
 * Builds an UpdateBookingLocationInput_2024_08_13 body. (Cal.com does not
 * update the calendar event with it.)
 *
 * Returns: (transfer full): the body
 */
JsonObject *
calbook_mutation_build_location_body (CalbookLocationKind  kind,
                                      const char          *value)
{
  JsonObject *body;

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (locations), NULL);
  g_return_val_if_fail (calbook_location_kind_can_change (kind), NULL);
  g_return_val_if_fail (!is_empty (value), NULL);

  body = json_object_new ();
  json_object_set_object_member (body, "location",
                                 new_location (kind, locations[kind].change_member, value));

  return body;
}

/**
 * calbook_mutation_build_guests_body:
 * @guests: (element-type CalbookPerson): the guests: `email` (required),
 *   and `name`, `time_zone`, `phone` and `language` when known; people without
 *   an e-mail and repeated e-mails are left out
 *
 * Builds an AddGuestsInput_2024_08_13 body. Cal.com takes at most 10 guests
 * per request and 30 per booking.
 *
 * Returns: (transfer full): the body
 */
JsonObject *
calbook_mutation_build_guests_body (GPtrArray *guests)
{
  JsonObject *body;
  g_autoptr(JsonArray) array = json_array_new ();

  g_return_val_if_fail (guests != NULL, NULL);

  for (guint i = 0; i < guests->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (guests, i);
      g_autoptr(JsonObject) item = NULL;

      if (is_empty (person->email) || has_email (array, person->email))
        continue;

      item = json_object_new ();
      json_object_set_string_member (item, "email", person->email);
      set_optional_string (item, "name", person->name);
      set_optional_string (item, "timeZone", person->time_zone);
      set_optional_string (item, "phoneNumber", person->phone);
      set_optional_string (item, "language", person->language);
      json_array_add_object_element (array, g_steal_pointer (&item));
    }

  body = json_object_new ();
  json_object_set_array_member (body, "guests", g_steal_pointer (&array));

  return body;
}
