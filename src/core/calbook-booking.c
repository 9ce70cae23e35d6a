/* calbook-booking.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-booking"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "calbook-booking.h"
#include "calbook-booking-private.h"
#include "calbook-error.h"
#include "calbook-json.h"

/**
 * CalbookBooking:
 *
 * One Cal.com booking, read from the JSON of API v2 (cal-api-version
 * 2024-08-13, `BookingOutput_2024_08_13` and its recurring and seated
 * variants). A booking is immutable: the sync replaces it with a new object
 * when Cal.com reports a change, so every property is read-only and never
 * notifies.
 *
 * Construction is strict where a wrong value would mislead and lenient
 * where Cal.com is known to vary:
 *
 * - `uid`, `start` and `end` are required; a booking without them cannot be
 *   shown or acted on, so it is a %CALBOOK_BOOKING_ERROR_MISSING_FIELD.
 * - every other field may be absent or `null` and then takes its default:
 *   `title`, `description` and `status` become "" (their getters never
 *   return %NULL), ids and the duration 0 (the duration is worked out from
 *   start and end when absent), the rating -1, lists empty, and every other
 *   text field %NULL.
 * - a known field with another JSON type than documented is a
 *   %CALBOOK_BOOKING_ERROR_WRONG_TYPE, an unusable value (a date that is not
 *   ISO 8601, an end before the start, a fractional id, text that is not
 *   UTF-8) a %CALBOOK_BOOKING_ERROR_INVALID_VALUE; the message names the
 *   field, such as `hosts[0].email`.
 * - the whole JSON object is kept, so fields Calbook does not know survive
 *   calbook_booking_to_json() unchanged.
 */

struct _CalbookBooking
{
  GObject               parent_instance;

  /* The object it was built from, sealed: unknown fields live on in it.
   * A booking read from text builds it only when asked (ensure_raw()). */
  JsonObject           *raw;
  /* The text it was read from, exactly as Cal.com sent it, or NULL */
  char                 *text;
  /* Where metadata and bookingFieldsResponses are in @text (length 0: none),
   * when it was read straight from the text */
  gboolean              has_spans;
  gsize                 metadata_offset;
  gsize                 metadata_length;
  gsize                 responses_offset;
  gsize                 responses_length;

  gint64                id;
  char                 *uid;
  char                 *title;
  char                 *description;
  char                 *api_status;
  CalbookBookingStatus  status;

  gint64                start;
  gint64                end;
  int                   duration;
  gint64                created_at;
  gint64                updated_at;
  gint64                created_at_ms;
  gint64                updated_at_ms;
  gboolean              has_created_at;
  gboolean              has_updated_at;

  gint64                event_type_id;
  char                 *event_type_slug;

  GPtrArray            *hosts;
  GPtrArray            *attendees;
  GPtrArray            *guests;
  gboolean              absent_host;

  char                 *location;
  char                 *meeting_url;
  char                 *notes;

  char                 *cancellation_reason;
  char                 *cancelled_by_email;
  char                 *rejection_reason;
  char                 *rescheduling_reason;
  char                 *rescheduled_by_email;
  char                 *rescheduled_from_uid;
  char                 *rescheduled_to_uid;
  char                 *recurring_booking_uid;

  double                rating;
};

G_DEFINE_FINAL_TYPE (CalbookBooking, calbook_booking, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CalbookBookingStatus, calbook_booking_status,
  G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_STATUS_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_STATUS_CONFIRMED, "confirmed"),
  G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_STATUS_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_STATUS_RESCHEDULED, "rescheduled"),
  G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_STATUS_DECLINED, "declined"),
  G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_STATUS_OTHER, "other"))

enum {
  PROP_0,
  PROP_ID,
  PROP_UID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_STATUS,
  PROP_API_STATUS,
  PROP_STATUS_LABEL,
  PROP_START,
  PROP_END,
  PROP_DURATION,
  PROP_EVENT_TYPE_ID,
  PROP_EVENT_TYPE_SLUG,
  PROP_HOSTS,
  PROP_ATTENDEES,
  PROP_GUESTS,
  PROP_LOCATION,
  PROP_MEETING_URL,
  PROP_NOTES,
  PROP_METADATA,
  PROP_BOOKING_FIELDS_RESPONSES,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_CANCELLATION_REASON,
  PROP_CANCELLED_BY_EMAIL,
  PROP_REJECTION_REASON,
  PROP_RESCHEDULING_REASON,
  PROP_RESCHEDULED_BY_EMAIL,
  PROP_RESCHEDULED_FROM_UID,
  PROP_RESCHEDULED_TO_UID,
  PROP_RECURRING_BOOKING_UID,
  PROP_ABSENT_HOST,
  PROP_RATING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* JSON numbers from JavaScript are exact integers only up to 2^53 */
#define MAX_SAFE_INTEGER ((gint64) 9007199254740992)

/* Optional text fields with their Cal.com names, read and written alike */
typedef struct
{
  const char *member;
  gsize       offset;
} TextField;

static const TextField optional_text_fields[] = {
  { "location", G_STRUCT_OFFSET (CalbookBooking, location) },
  { "meetingUrl", G_STRUCT_OFFSET (CalbookBooking, meeting_url) },
  { "cancellationReason", G_STRUCT_OFFSET (CalbookBooking, cancellation_reason) },
  { "cancelledByEmail", G_STRUCT_OFFSET (CalbookBooking, cancelled_by_email) },
  { "rejectionReason", G_STRUCT_OFFSET (CalbookBooking, rejection_reason) },
  { "reschedulingReason", G_STRUCT_OFFSET (CalbookBooking, rescheduling_reason) },
  { "rescheduledByEmail", G_STRUCT_OFFSET (CalbookBooking, rescheduled_by_email) },
  { "rescheduledFromUid", G_STRUCT_OFFSET (CalbookBooking, rescheduled_from_uid) },
  { "rescheduledToUid", G_STRUCT_OFFSET (CalbookBooking, rescheduled_to_uid) },
  { "recurringBookingUid", G_STRUCT_OFFSET (CalbookBooking, recurring_booking_uid) },
};


/* Auxiliary methods */

static JsonObject *ensure_raw (CalbookBooking *self);

static char *
dup_field_path (const char *parent,
                const char *member)
{
  if (parent == NULL)
    return g_strdup (member);
  if (member == NULL)
    return g_strdup (parent);
  return g_strdup_printf ("%s.%s", parent, member);
}

static const char *
describe_node (JsonNode *node)
{
  g_assert (node != NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");

    case JSON_NODE_ARRAY:
      return _("a list");

    case JSON_NODE_NULL:
      return _("null");

    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("text");

    case G_TYPE_BOOLEAN:
      return _("true or false");

    default:
      return _("a number");
    }
}

static gboolean
set_missing (GError     **error,
             const char  *parent,
             const char  *member)
{
  g_autofree char *path = dup_field_path (parent, member);

  g_set_error (error, CALBOOK_BOOKING_ERROR, CALBOOK_BOOKING_ERROR_MISSING_FIELD,
               _("Booking field “%s” is missing"), path);
  return FALSE;
}

static gboolean
set_wrong_type (GError     **error,
                const char  *parent,
                const char  *member,
                const char  *expected,
                JsonNode    *node)
{
  g_autofree char *path = dup_field_path (parent, member);

  g_set_error (error, CALBOOK_BOOKING_ERROR, CALBOOK_BOOKING_ERROR_WRONG_TYPE,
               /* Translators: the first %s is a field name, the others are
                * "text", "a number", "true or false", "an object", "a list"
                * or "null": what Calbook expected and what Cal.com sent */
               _("Booking field “%s” has the wrong type: expected %s, found %s"),
               path, expected, describe_node (node));
  return FALSE;
}

/* What is wrong with a value of the right type */
typedef enum
{
  PROBLEM_NOT_UTF8,
  PROBLEM_NOT_DATE_TIME,
  PROBLEM_NOT_WHOLE_NUMBER,
  PROBLEM_OUT_OF_RANGE,
  PROBLEM_NOT_FINITE,
  PROBLEM_EMPTY,
  PROBLEM_BEFORE_START,
} Problem;

static gboolean
set_invalid (GError     **error,
             const char  *parent,
             const char  *member,
             Problem      problem)
{
  g_autofree char *path = dup_field_path (parent, member);

  /* Whole sentences, so that translators see each one */
  switch (problem)
    {
    case PROBLEM_NOT_UTF8:
      g_set_error (error, CALBOOK_BOOKING_ERROR, CALBOOK_BOOKING_ERROR_INVALID_VALUE,
                   _("Booking field “%s” is not valid UTF-8 text"), path);
      break;

    case PROBLEM_NOT_DATE_TIME:
      g_set_error (error, CALBOOK_BOOKING_ERROR, CALBOOK_BOOKING_ERROR_INVALID_VALUE,
                   _("Booking field “%s” is not an ISO 8601 date and time"), path);
      break;

    case PROBLEM_NOT_WHOLE_NUMBER:
      g_set_error (error, CALBOOK_BOOKING_ERROR, CALBOOK_BOOKING_ERROR_INVALID_VALUE,
                   _("Booking field “%s” is not a whole number"), path);
      break;

    case PROBLEM_OUT_OF_RANGE:
      g_set_error (error, CALBOOK_BOOKING_ERROR, CALBOOK_BOOKING_ERROR_INVALID_VALUE,
                   _("Booking field “%s” is out of range"), path);
      break;

    case PROBLEM_NOT_FINITE:
      g_set_error (error, CALBOOK_BOOKING_ERROR, CALBOOK_BOOKING_ERROR_INVALID_VALUE,
                   _("Booking field “%s” is a number too large to store"), path);
      break;

    case PROBLEM_EMPTY:
      g_set_error (error, CALBOOK_BOOKING_ERROR, CALBOOK_BOOKING_ERROR_INVALID_VALUE,
                   _("Booking field “%s” is empty"), path);
      break;

    case PROBLEM_BEFORE_START:
      g_set_error (error, CALBOOK_BOOKING_ERROR, CALBOOK_BOOKING_ERROR_INVALID_VALUE,
                   _("Booking field “%s” is before the start"), path);
      break;

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static inline gboolean
node_holds_type (JsonNode *node,
                 GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static inline gboolean
node_holds_number (JsonNode *node)
{
  return node_holds_type (node, G_TYPE_INT64) || node_holds_type (node, G_TYPE_DOUBLE);
}

/* Absent and null mean the same to Cal.com's serializers: "no value" */
static JsonNode *
lookup_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
read_string_node (JsonNode    *node,
                  const char  *parent,
                  const char  *member,
                  char       **out,
                  GError     **error)
{
  const char *value;

  g_assert (node != NULL);
  g_assert (out != NULL && *out == NULL);

  if (!node_holds_type (node, G_TYPE_STRING))
    return set_wrong_type (error, parent, member, _("text"), node);

  value = json_node_get_string (node);
  if (value == NULL)
    value = "";

  /* The parser checks this, but objects may be built by hand */
  if (!g_utf8_validate (value, -1, NULL))
    return set_invalid (error, parent, member, PROBLEM_NOT_UTF8);

  *out = g_strdup (value);
  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *parent,
             const char  *member,
             char       **out,
             GError     **error)
{
  JsonNode *node = lookup_member (object, member);

  if (node == NULL)
    return TRUE;
  return read_string_node (node, parent, member, out, error);
}

static gboolean
read_integer (JsonObject  *object,
              const char  *parent,
              const char  *member,
              gint64       min,
              gint64       max,
              gint64      *out,
              gboolean    *present,
              GError     **error)
{
  JsonNode *node = lookup_member (object, member);
  gint64 value;

  g_assert (out != NULL);

  if (present != NULL)
    *present = FALSE;
  if (node == NULL)
    return TRUE;

  if (node_holds_type (node, G_TYPE_INT64))
    {
      value = json_node_get_int (node);
    }
  else if (node_holds_type (node, G_TYPE_DOUBLE))
    {
      double d = json_node_get_double (node);

      /* JavaScript writes integers as doubles now and then (1.0); accept
       * those, but never round a real fraction away */
      if (!(d >= -(double) MAX_SAFE_INTEGER && d <= (double) MAX_SAFE_INTEGER) ||
          (double) (gint64) d != d)
        return set_invalid (error, parent, member, PROBLEM_NOT_WHOLE_NUMBER);
      value = (gint64) d;
    }
  else
    {
      return set_wrong_type (error, parent, member, _("a number"), node);
    }

  if (value < min || value > max)
    return set_invalid (error, parent, member, PROBLEM_OUT_OF_RANGE);

  *out = value;
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *parent,
              const char  *member,
              gboolean    *out,
              GError     **error)
{
  JsonNode *node = lookup_member (object, member);

  g_assert (out != NULL);

  *out = FALSE;
  if (node == NULL)
    return TRUE;

  if (!node_holds_type (node, G_TYPE_BOOLEAN))
    return set_wrong_type (error, parent, member, _("true or false"), node);

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_time (JsonObject  *object,
           const char  *member,
           gboolean     required,
           gint64      *out,
           gint64      *out_ms,
           gboolean    *present,
           GError     **error)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  JsonNode *node = lookup_member (object, member);
  const char *value;

  g_assert (out != NULL);

  *out = 0;
  if (present != NULL)
    *present = FALSE;

  if (node == NULL)
    return required ? set_missing (error, NULL, member) : TRUE;

  if (!node_holds_type (node, G_TYPE_STRING))
    return set_wrong_type (error, NULL, member, _("text"), node);

  value = json_node_get_string (node);
  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    return set_invalid (error, NULL, member, PROBLEM_NOT_DATE_TIME);

  /* Cal.com sends UTC with a "Z"; offsets are honoured, and a time without
   * any zone is read as UTC, which is what the API documents */
  utc = g_time_zone_new_utc ();
  date_time = g_date_time_new_from_iso8601 (value, utc);
  if (date_time == NULL)
    return set_invalid (error, NULL, member, PROBLEM_NOT_DATE_TIME);

  *out = g_date_time_to_unix (date_time);
  if (out_ms != NULL)
    *out_ms = *out * 1000 + g_date_time_get_microsecond (date_time) / 1000;
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *parent,
             const char  *member,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = lookup_member (object, member);

  g_assert (out != NULL && *out == NULL);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_wrong_type (error, parent, member, _("an object"), node);

  *out = json_object_ref (json_node_get_object (node));
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *member,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = lookup_member (object, member);

  g_assert (out != NULL);

  *out = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_wrong_type (error, NULL, member, _("a list"), node);

  *out = json_node_get_array (node);
  return TRUE;
}

/* Cal.com sends the id of a host without a user account as the text
 * "unknown" (and some serializers send ids as text): text that is a whole
 * number is that id, any other text means "no id" (0), like null. */
static gboolean
read_host_id (JsonObject  *object,
              const char  *parent,
              gint64      *out,
              GError     **error)
{
  JsonNode *node = lookup_member (object, "id");
  gint64 value = 0;

  *out = 0;
  if (node != NULL && node_holds_type (node, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (node);

      if (text != NULL &&
          g_ascii_string_to_signed (text, 10, 1, MAX_SAFE_INTEGER, &value, NULL))
        *out = value;
      return TRUE;
    }

  return read_integer (object, parent, "id", G_MININT64, G_MAXINT64, out, NULL, error);
}

/* The spec types the rating as a number, and it may have a fraction (4.5) */
static gboolean
read_rating (JsonObject  *object,
             double      *out,
             GError     **error)
{
  JsonNode *node = lookup_member (object, "rating");
  double value;

  *out = -1;
  if (node == NULL)
    return TRUE;

  if (!node_holds_number (node))
    return set_wrong_type (error, NULL, "rating", _("a number"), node);

  value = json_node_get_double (node);
  if (!(value >= 0 && value <= G_MAXINT))
    return set_invalid (error, NULL, "rating", PROBLEM_OUT_OF_RANGE);

  *out = value;
  return TRUE;
}

static CalbookPerson *
parse_person (JsonNode    *node,
              const char  *parent,
              gboolean     is_host,
              GError     **error)
{
  g_autoptr(CalbookPerson) person = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  JsonObject *object;

  g_assert (node != NULL);
  g_assert (parent != NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_wrong_type (error, parent, NULL, _("an object"), node);
      return NULL;
    }

  object = json_node_get_object (node);

  if (!read_string (object, parent, "name", &name, error) ||
      !read_string (object, parent, "email", &email, error))
    return NULL;

  person = calbook_person_new (name, email);

  if (!read_string (object, parent, "displayEmail", &person->display_email, error) ||
      !read_string (object, parent, "timeZone", &person->time_zone, error))
    return NULL;

  if (is_host)
    {
      if (!read_host_id (object, parent, &person->user_id, error) ||
          !read_string (object, parent, "username", &person->username, error))
        return NULL;
    }
  else
    {
      if (!read_string (object, parent, "language", &person->language, error) ||
          !read_string (object, parent, "phoneNumber", &person->phone, error) ||
          !read_boolean (object, parent, "absent", &person->absent, error))
        return NULL;
    }

  return g_steal_pointer (&person);
}

static gboolean
parse_people (JsonObject  *object,
              const char  *member,
              gboolean     is_host,
              GPtrArray   *people,
              GError     **error)
{
  JsonArray *array;
  guint length;

  g_assert (people != NULL);

  if (!read_array (object, member, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      g_autofree char *parent = g_strdup_printf ("%s[%u]", member, i);
      CalbookPerson *person;

      person = parse_person (json_array_get_element (array, i), parent, is_host, error);
      if (person == NULL)
        return FALSE;

      g_ptr_array_add (people, person);
    }

  return TRUE;
}

static gboolean
parse_guests (JsonObject  *object,
              GPtrArray   *guests,
              GError     **error)
{
  JsonArray *array;
  guint length;

  g_assert (guests != NULL);

  if (!read_array (object, "guests", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      g_autofree char *path = g_strdup_printf ("guests[%u]", i);
      char *guest = NULL;

      if (!read_string_node (json_array_get_element (array, i), path, NULL, &guest, error))
        return FALSE;

      g_ptr_array_add (guests, guest);
    }

  return TRUE;
}

static gboolean
parse_event_type (CalbookBooking  *self,
                  JsonObject      *object,
                  GError         **error)
{
  g_autoptr(JsonObject) event_type = NULL;
  gint64 deprecated_id = 0;
  gint64 id = 0;
  gboolean has_id = FALSE;

  g_assert (CALBOOK_IS_BOOKING (self));

  if (!read_integer (object, NULL, "eventTypeId", G_MININT64, G_MAXINT64, &deprecated_id, NULL,
                     error) ||
      !read_object (object, NULL, "eventType", &event_type, error))
    return FALSE;

  if (event_type != NULL)
    {
      if (!read_integer (event_type, "eventType", "id", G_MININT64, G_MAXINT64, &id, &has_id,
                         error) ||
          !read_string (event_type, "eventType", "slug", &self->event_type_slug, error))
        return FALSE;
    }

  /* "eventTypeId" is deprecated in favour of "eventType.id"; either may be
   * missing on older servers */
  self->event_type_id = has_id ? id : deprecated_id;
  return TRUE;
}

static gboolean
parse_booking (CalbookBooking  *self,
               JsonObject      *object,
               GError         **error)
{
  g_autoptr(JsonObject) metadata = NULL;
  g_autoptr(JsonObject) responses = NULL;
  gint64 duration = 0;
  double rating = -1;
  gboolean has_duration = FALSE;
  JsonNode *notes;

  g_assert (CALBOOK_IS_BOOKING (self));
  g_assert (object != NULL);

  /* Required: without these a booking can be neither shown nor acted on */
  if (lookup_member (object, "uid") == NULL)
    return set_missing (error, NULL, "uid");
  if (!read_string (object, NULL, "uid", &self->uid, error))
    return FALSE;
  if (self->uid[0] == '\0')
    return set_invalid (error, NULL, "uid", PROBLEM_EMPTY);

  if (!read_time (object, "start", TRUE, &self->start, NULL, NULL, error) ||
      !read_time (object, "end", TRUE, &self->end, NULL, NULL, error))
    return FALSE;
  if (self->end < self->start)
    return set_invalid (error, NULL, "end", PROBLEM_BEFORE_START);

  if (!read_integer (object, NULL, "id", G_MININT64, G_MAXINT64, &self->id, NULL, error) ||
      !read_string (object, NULL, "title", &self->title, error) ||
      !read_string (object, NULL, "description", &self->description, error) ||
      !read_string (object, NULL, "status", &self->api_status, error) ||
      !read_integer (object, NULL, "duration", 0, G_MAXINT, &duration, &has_duration, error) ||
      !read_time (object, "createdAt", FALSE, &self->created_at, &self->created_at_ms,
                  &self->has_created_at, error) ||
      !read_time (object, "updatedAt", FALSE, &self->updated_at, &self->updated_at_ms,
                  &self->has_updated_at, error) ||
      !parse_event_type (self, object, error) ||
      !parse_people (object, "hosts", TRUE, self->hosts, error) ||
      !parse_people (object, "attendees", FALSE, self->attendees, error) ||
      !parse_guests (object, self->guests, error) ||
      !read_boolean (object, NULL, "absentHost", &self->absent_host, error) ||
      !read_object (object, NULL, "metadata", &metadata, error) ||
      !read_object (object, NULL, "bookingFieldsResponses", &responses, error) ||
      !read_rating (object, &rating, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (optional_text_fields); i++)
    {
      const TextField *field = &optional_text_fields[i];
      char **out = &G_STRUCT_MEMBER (char *, self, field->offset);

      if (!read_string (object, NULL, field->member, out, error))
        return FALSE;
    }

  if (self->title == NULL)
    self->title = g_strdup ("");
  if (self->description == NULL)
    self->description = g_strdup ("");
  if (self->api_status == NULL)
    self->api_status = g_strdup ("");

  /* A booking without "duration" still has one; minutes, like Cal.com */
  self->duration = has_duration ? (int) duration : (int) MIN ((self->end - self->start) / 60,
                                                               G_MAXINT);
  self->rating = rating;
  self->status = calbook_booking_status_from_api (self->api_status, self->rescheduled_to_uid);

  /* The notes field of the booking form is free text; other forms may use
   * "notes" for something else, which stays in the responses */
  notes = responses != NULL ? lookup_member (responses, "notes") : NULL;
  if (notes != NULL && node_holds_type (notes, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (notes);

      if (text != NULL && g_utf8_validate (text, -1, NULL))
        self->notes = g_strdup (text);
    }

  return TRUE;
}

/*
 * Finds what the JSON generator would write as text that no longer
 * parses, so that such a booking, which would be lost in the store, is
 * refused here instead:
 * - numbers too large for a double (1e999), which the parser reads as
 *   infinity and the generator writes as "inf";
 * - member names and strings that are not UTF-8, which json-glib 1.6
 *   lets through from a malformed escape such as "\u00b" in a name.
 * On success returns FALSE; otherwise TRUE, with @path naming the member
 * and @problem saying what is wrong with it.
 */
static gboolean
find_unwritable (JsonNode *node,
                 GString  *path,
                 Problem  *problem)
{
  g_assert (node != NULL);
  g_assert (path != NULL);
  g_assert (problem != NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!g_utf8_validate (name, -1, NULL))
              {
                /* The name itself can't be shown: name where it is */
                *problem = PROBLEM_NOT_UTF8;
                g_string_prepend (path, ".(a member name)");
                return TRUE;
              }
            if (find_unwritable (member, path, problem))
              {
                g_string_prepend (path, name);
                g_string_prepend_c (path, '.');
                return TRUE;
              }
          }
        return FALSE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        for (guint i = 0; i < length; i++)
          {
            if (find_unwritable (json_array_get_element (array, i), path, problem))
              {
                g_autofree char *index = g_strdup_printf ("[%u]", i);

                g_string_prepend (path, index);
                return TRUE;
              }
          }
        return FALSE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (node);

          /* Finite without <math.h>: NaN fails the first test, ±inf the second */
          *problem = PROBLEM_NOT_FINITE;
          return !(d == d) || !(d - d == 0.0);
        }
      if (json_node_get_value_type (node) == G_TYPE_STRING &&
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        {
          *problem = PROBLEM_NOT_UTF8;
          return TRUE;
        }
      return FALSE;

    case JSON_NODE_NULL:
    default:
      return FALSE;
    }
}

static JsonNode *
copy_node_deep (JsonNode *node)
{
  JsonNode *copy;

  g_assert (node != NULL);

  /* json_node_copy() shares objects and arrays; callers of to_json() get
   * something they may change without touching this booking */
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        /* In order, so that the store's text keeps Cal.com's member order */
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (object, name, copy_node_deep (member));

        copy = json_node_init_object (json_node_alloc (), object);
        break;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(JsonArray) array_copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (array_copy, copy_node_deep (json_array_get_element (array, i)));

        copy = json_node_init_array (json_node_alloc (), array_copy);
        break;
      }

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          copy = json_node_init_string (json_node_alloc (), json_node_get_string (node));
          break;

        case G_TYPE_BOOLEAN:
          copy = json_node_init_boolean (json_node_alloc (), json_node_get_boolean (node));
          break;

        case G_TYPE_DOUBLE:
          copy = json_node_init_double (json_node_alloc (), json_node_get_double (node));
          break;

        case G_TYPE_INT64:
        default:
          copy = json_node_init_int (json_node_alloc (), json_node_get_int (node));
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      copy = json_node_init_null (json_node_alloc ());
      break;
    }

  return copy;
}

static JsonObject *
copy_object_deep (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) copy = copy_node_deep (node);

  return json_object_ref (json_node_get_object (copy));
}

static char *
format_time_ms (gint64 unix_ms)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (unix_ms / 1000 -
                                                                 (unix_ms % 1000 < 0 ? 1 : 0));
  int ms = (int) (((unix_ms % 1000) + 1000) % 1000);

  if (date_time == NULL)
    return NULL;

  /* Cal.com's own format; printf rather than "%Y" so that years before
   * 1000 keep four digits and read back */
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (date_time),
                          g_date_time_get_month (date_time),
                          g_date_time_get_day_of_month (date_time),
                          g_date_time_get_hour (date_time),
                          g_date_time_get_minute (date_time),
                          g_date_time_get_second (date_time),
                          ms);
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (unix_time);

  if (date_time == NULL)
    return NULL;

  /* Cal.com's own format; printf rather than "%Y" so that years before
   * 1000 keep four digits and read back */
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.000Z",
                          g_date_time_get_year (date_time),
                          g_date_time_get_month (date_time),
                          g_date_time_get_day_of_month (date_time),
                          g_date_time_get_hour (date_time),
                          g_date_time_get_minute (date_time),
                          g_date_time_get_second (date_time));
}

static void
set_time_member (JsonObject *object,
                 const char *member,
                 gint64      unix_time)
{
  g_autofree char *text = format_time (unix_time);

  g_assert (text != NULL);

  json_object_set_string_member (object, member, text);
}

static void
set_time_ms_member (JsonObject *object,
                    const char *member,
                    gint64      unix_ms)
{
  g_autofree char *text = format_time_ms (unix_ms);

  g_assert (text != NULL);

  json_object_set_string_member (object, member, text);
}

static void
set_optional_string_member (JsonObject *object,
                            const char *member,
                            const char *value)
{
  /* NULL came from an absent or null member: what the kept object already has */
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

/* Starts from the element the person was read from, so that fields Calbook
 * does not know (seatUid, a seated attendee's responses) survive */
static JsonObject *
person_to_json (CalbookPerson *person,
                JsonArray     *raw_array,
                guint          index,
                gboolean       is_host)
{
  JsonObject *object = NULL;

  g_assert (person != NULL);

  if (raw_array != NULL && index < json_array_get_length (raw_array))
    {
      JsonNode *node = json_array_get_element (raw_array, index);

      if (JSON_NODE_HOLDS_OBJECT (node))
        object = copy_object_deep (json_node_get_object (node));
    }
  if (object == NULL)
    object = json_object_new ();

  json_object_set_string_member (object, "name", person->name);
  json_object_set_string_member (object, "email", person->email);
  set_optional_string_member (object, "displayEmail", person->display_email);
  set_optional_string_member (object, "timeZone", person->time_zone);

  if (is_host)
    {
      json_object_set_int_member (object, "id", person->user_id);
      set_optional_string_member (object, "username", person->username);
    }
  else
    {
      set_optional_string_member (object, "language", person->language);
      set_optional_string_member (object, "phoneNumber", person->phone);
      json_object_set_boolean_member (object, "absent", person->absent);
    }

  return object;
}

static JsonArray *
people_to_json (CalbookBooking *self,
                GPtrArray      *people,
                const char     *member,
                gboolean        is_host)
{
  JsonArray *array = json_array_sized_new (people->len);
  JsonArray *raw_array = NULL;

  g_assert (CALBOOK_IS_BOOKING (self));

  raw_array = calbook_json_get_array (ensure_raw (self), member);

  for (guint i = 0; i < people->len; i++)
    json_array_add_object_element (array,
                                   person_to_json (g_ptr_array_index (people, i),
                                                   raw_array, i, is_host));

  return array;
}

static gboolean
people_equal (GPtrArray *a,
              GPtrArray *b)
{
  g_assert (a != NULL && b != NULL);

  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (!calbook_person_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
strings_equal (GPtrArray *a,
               GPtrArray *b)
{
  g_assert (a != NULL && b != NULL);

  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
objects_equal (JsonObject *a,
               JsonObject *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return json_object_equal (a, b);
}


/* The object the booking was read from; one read from text reads it into
 * a tree the first time something asks (to_json(), the metadata...). A
 * booking is shared between threads: the first tree built wins. */
static JsonObject *
ensure_raw (CalbookBooking *self)
{
  JsonObject *raw = g_atomic_pointer_get (&self->raw);
  g_autoptr(JsonNode) root = NULL;

  if (raw != NULL)
    return raw;

  g_assert (self->text != NULL);

  /* The text was read once already: it is one valid object */
  root = calbook_json_parse (self->text, -1, NULL);
  g_assert (root != NULL && JSON_NODE_HOLDS_OBJECT (root));

  raw = json_object_ref (json_node_get_object (root));
  if (!g_atomic_pointer_compare_and_exchange (&self->raw, NULL, raw))
    {
      json_object_unref (raw);
      raw = g_atomic_pointer_get (&self->raw);
    }

  return raw;
}

/* Where a free-form member is in the text of a booking read straight from
 * it; FALSE when the booking does not know */
static gboolean
get_free_form_span (CalbookBooking *self,
                    const char     *member,
                    const char    **text,
                    gsize          *length)
{
  gboolean metadata = g_str_equal (member, "metadata");

  if (!self->has_spans)
    return FALSE;

  *text = self->text + (metadata ? self->metadata_offset : self->responses_offset);
  *length = metadata ? self->metadata_length : self->responses_length;
  return TRUE;
}

/* The same text is the same object: only where the texts differ (or one
 * booking was built from a tree) are the objects compared */
static gboolean
free_form_equal (CalbookBooking *a,
                 CalbookBooking *b,
                 const char     *member)
{
  const char *a_text;
  const char *b_text;
  gsize a_length;
  gsize b_length;

  if (get_free_form_span (a, member, &a_text, &a_length) &&
      get_free_form_span (b, member, &b_text, &b_length) &&
      a_length == b_length && memcmp (a_text, b_text, a_length) == 0)
    return TRUE;

  return objects_equal (calbook_json_get_object (ensure_raw (a), member),
                        calbook_json_get_object (ensure_raw (b), member));
}


/*
 * Reading straight from the text. Most bookings are read here, with no
 * tree: each member is read where it is. Whatever this reader does not
 * take as it comes — a known member that is repeated or of a type other
 * than documented, a value out of range, a date not in Cal.com's own
 * form, a number too large, text that is not JSON — it leaves to the tree
 * reader above (FALSE, no error), which reads it as it always has and says
 * what is wrong. So both give the same bookings and the same errors.
 */

typedef enum
{
  FIELD_UID,
  FIELD_START,
  FIELD_END,
  FIELD_ID,
  FIELD_TITLE,
  FIELD_DESCRIPTION,
  FIELD_STATUS,
  FIELD_DURATION,
  FIELD_CREATED_AT,
  FIELD_UPDATED_AT,
  FIELD_EVENT_TYPE_ID,
  FIELD_EVENT_TYPE,
  FIELD_HOSTS,
  FIELD_ATTENDEES,
  FIELD_GUESTS,
  FIELD_ABSENT_HOST,
  FIELD_METADATA,
  FIELD_RESPONSES,
  FIELD_RATING,
  FIELD_OPTIONAL_TEXT,   /* + index in optional_text_fields */
  N_FIELDS = FIELD_OPTIONAL_TEXT + G_N_ELEMENTS (optional_text_fields)
} Field;

static const char * const field_names[FIELD_OPTIONAL_TEXT] = {
  "uid", "start", "end", "id", "title", "description", "status", "duration", "createdAt",
  "updatedAt", "eventTypeId", "eventType", "hosts", "attendees", "guests", "absentHost",
  "metadata", "bookingFieldsResponses", "rating",
};

G_STATIC_ASSERT (N_FIELDS <= 32);

static gboolean
is_name (const char *known,
         const char *name,
         gsize       length)
{
  return strncmp (known, name, length) == 0 && known[length] == '\0';
}

/* Runs for every member of every booking: the names are looked up by
 * their length first */
static int
find_field (const char *name,
            gsize       length)
{
  static gsize lengths[N_FIELDS];

  if (g_once_init_enter (&lengths[0]))
    {
      for (guint i = 1; i < N_FIELDS; i++)
        lengths[i] = strlen (i < FIELD_OPTIONAL_TEXT
                             ? field_names[i]
                             : optional_text_fields[i - FIELD_OPTIONAL_TEXT].member);
      g_once_init_leave (&lengths[0], strlen (field_names[0]));
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *known;

      if (lengths[i] != length)
        continue;
      known = i < FIELD_OPTIONAL_TEXT ? field_names[i]
                                      : optional_text_fields[i - FIELD_OPTIONAL_TEXT].member;
      if (memcmp (known, name, length) == 0)
        return i;
    }

  return -1;
}

/* Text or null, as read_string() takes it */
static gboolean
scan_text (CalbookJsonReader  *reader,
           char              **out)
{
  const char *value;
  gsize length;

  switch (calbook_json_reader_peek (reader))
    {
    case CALBOOK_JSON_TOKEN_NULL:
      return calbook_json_reader_skip (reader, NULL);

    case CALBOOK_JSON_TOKEN_STRING:
      if (!calbook_json_reader_read_string (reader, &value, &length, NULL))
        return FALSE;
      g_free (*out);
      *out = g_strndup (value, length);
      return TRUE;

    default:
      return FALSE;
    }
}

/* A whole number or null, as read_integer() takes it */
static gboolean
scan_integer (CalbookJsonReader *reader,
              gint64             min,
              gint64             max,
              gint64            *out,
              gboolean          *present)
{
  gboolean is_integer;
  gint64 value;
  double d;

  if (present != NULL)
    *present = FALSE;

  switch (calbook_json_reader_peek (reader))
    {
    case CALBOOK_JSON_TOKEN_NULL:
      return calbook_json_reader_skip (reader, NULL);

    case CALBOOK_JSON_TOKEN_NUMBER:
      if (!calbook_json_reader_read_number (reader, &is_integer, &value, &d, NULL))
        return FALSE;
      if (!is_integer)
        {
          if (!(d >= -(double) MAX_SAFE_INTEGER && d <= (double) MAX_SAFE_INTEGER) ||
              (double) (gint64) d != d)
            return FALSE;
          value = (gint64) d;
        }
      if (value < min || value > max)
        return FALSE;
      *out = value;
      if (present != NULL)
        *present = TRUE;
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
scan_boolean (CalbookJsonReader *reader,
              gboolean          *out)
{
  switch (calbook_json_reader_peek (reader))
    {
    case CALBOOK_JSON_TOKEN_NULL:
      *out = FALSE;
      return calbook_json_reader_skip (reader, NULL);

    case CALBOOK_JSON_TOKEN_BOOLEAN:
      return calbook_json_reader_read_boolean (reader, out, NULL);

    default:
      return FALSE;
    }
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
    return 29;
  return days[month - 1];
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = year - (month <= 2);
  gint64 era = y / 400;
  gint64 year_of_era = y - era * 400;
  gint64 day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return era * 146097 + day_of_era - 719468;
}

static gboolean
read_digits (const char *text,
             guint       n,
             int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }

  *out = value;
  return TRUE;
}

/* Cal.com's own form, "2026-11-23T09:00:00.000Z" (or without the
 * milliseconds), read without a GDateTime; FALSE for any other form, which
 * g_date_time_new_from_iso8601() reads */
static gboolean
parse_utc_stamp (const char *text,
                 gsize       length,
                 gint64     *out,
                 gint64     *out_ms)
{
  int year, month, day, hour, minute, second;
  int ms = 0;

  if (length != 20 && length != 24)
    return FALSE;
  if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[length - 1] != 'Z')
    return FALSE;
  if (!read_digits (text, 4, &year) || !read_digits (text + 5, 2, &month) ||
      !read_digits (text + 8, 2, &day) || !read_digits (text + 11, 2, &hour) ||
      !read_digits (text + 14, 2, &minute) || !read_digits (text + 17, 2, &second))
    return FALSE;
  if (length == 24 && (text[19] != '.' || !read_digits (text + 20, 3, &ms)))
    return FALSE;

  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month (year, month) ||
      hour > 23 || minute > 59 || second > 59)
    return FALSE;

  *out = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  *out_ms = *out * 1000 + ms;
  return TRUE;
}

/* A date and time or null, as read_time() takes it */
static gboolean
scan_time (CalbookJsonReader *reader,
           gint64            *out,
           gint64            *out_ms,
           gboolean          *present)
{
  const char *value;
  gsize length;
  gint64 ms = 0;

  *present = FALSE;

  switch (calbook_json_reader_peek (reader))
    {
    case CALBOOK_JSON_TOKEN_NULL:
      *out = 0;
      return calbook_json_reader_skip (reader, NULL);

    case CALBOOK_JSON_TOKEN_STRING:
      if (!calbook_json_reader_read_string (reader, &value, &length, NULL))
        return FALSE;

      if (!calbook_booking_parse_time (value, length, &ms))
        return FALSE;
      /* Whole seconds, rounded down as GDateTime gives them */
      *out = ms / 1000 - (ms % 1000 < 0 ? 1 : 0);

      if (out_ms != NULL)
        *out_ms = ms;
      *present = TRUE;
      return TRUE;

    default:
      return FALSE;
    }
}

/* As read_host_id(): text that is a whole number is the id, other text 0 */
static gboolean
scan_host_id (CalbookJsonReader *reader,
              gint64            *out)
{
  const char *value;
  gsize length;

  *out = 0;

  if (calbook_json_reader_peek (reader) == CALBOOK_JSON_TOKEN_STRING)
    {
      char copy[32];
      gint64 id;

      if (!calbook_json_reader_read_string (reader, &value, &length, NULL))
        return FALSE;
      if (length < sizeof copy)
        {
          memcpy (copy, value, length);
          copy[length] = '\0';
          if (g_ascii_string_to_signed (copy, 10, 1, MAX_SAFE_INTEGER, &id, NULL))
            *out = id;
        }
      return TRUE;
    }

  return scan_integer (reader, G_MININT64, G_MAXINT64, out, NULL);
}

/* The members of a person the booking reads; hosts and attendees have
 * some of their own, and the other kind's are unknown members to them */
typedef enum
{
  PERSON_NAME,
  PERSON_EMAIL,
  PERSON_DISPLAY_EMAIL,
  PERSON_TIME_ZONE,
  PERSON_ID,            /* hosts */
  PERSON_USERNAME,      /* hosts */
  PERSON_LANGUAGE,      /* attendees */
  PERSON_PHONE,         /* attendees */
  PERSON_ABSENT,        /* attendees */
  N_PERSON_FIELDS
} PersonField;

static const char * const person_names[N_PERSON_FIELDS] = {
  "name", "email", "displayEmail", "timeZone", "id", "username", "language", "phoneNumber",
  "absent",
};

static int
find_person_field (const char *name,
                   gsize       length,
                   gboolean    is_host)
{
  for (guint i = 0; i < N_PERSON_FIELDS; i++)
    {
      if (is_host ? (i >= PERSON_LANGUAGE) : (i == PERSON_ID || i == PERSON_USERNAME))
        continue;
      if (strlen (person_names[i]) == length && memcmp (person_names[i], name, length) == 0)
        return i;
    }

  return -1;
}

static CalbookPerson *
scan_person (CalbookJsonReader *reader,
             gboolean           is_host)
{
  g_autoptr(CalbookPerson) person = calbook_person_new (NULL, NULL);
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  guint seen = 0;

  if (calbook_json_reader_peek (reader) != CALBOOK_JSON_TOKEN_OBJECT ||
      !calbook_json_reader_begin_object (reader, NULL))
    return NULL;

  for (;;)
    {
      const char *member;
      gsize length;
      gboolean has_member;
      gboolean ok;
      int field;

      if (!calbook_json_reader_next_member (reader, &member, &length, &has_member, NULL))
        return NULL;
      if (!has_member)
        break;

      field = find_person_field (member, length, is_host);
      if (field >= 0)
        {
          if (seen & (1u << field))
            return NULL;
          seen |= 1u << field;
        }

      switch (field)
        {
        case PERSON_NAME:
          ok = scan_text (reader, &name);
          break;
        case PERSON_EMAIL:
          ok = scan_text (reader, &email);
          break;
        case PERSON_DISPLAY_EMAIL:
          ok = scan_text (reader, &person->display_email);
          break;
        case PERSON_TIME_ZONE:
          ok = scan_text (reader, &person->time_zone);
          break;
        case PERSON_ID:
          ok = scan_host_id (reader, &person->user_id);
          break;
        case PERSON_USERNAME:
          ok = scan_text (reader, &person->username);
          break;
        case PERSON_LANGUAGE:
          ok = scan_text (reader, &person->language);
          break;
        case PERSON_PHONE:
          ok = scan_text (reader, &person->phone);
          break;
        case PERSON_ABSENT:
          ok = scan_boolean (reader, &person->absent);
          break;
        default:
          ok = calbook_json_reader_skip (reader, NULL);
          break;
        }

      if (!ok)
        return NULL;
    }

  if (name != NULL)
    {
      g_free (person->name);
      person->name = g_steal_pointer (&name);
    }
  if (email != NULL)
    {
      g_free (person->email);
      person->email = g_steal_pointer (&email);
    }

  return g_steal_pointer (&person);
}

static gboolean
scan_people (CalbookJsonReader *reader,
             gboolean           is_host,
             GPtrArray         *people)
{
  if (calbook_json_reader_peek (reader) == CALBOOK_JSON_TOKEN_NULL)
    return calbook_json_reader_skip (reader, NULL);

  if (calbook_json_reader_peek (reader) != CALBOOK_JSON_TOKEN_ARRAY ||
      !calbook_json_reader_begin_array (reader, NULL))
    return FALSE;

  for (;;)
    {
      gboolean has_element;
      CalbookPerson *person;

      if (!calbook_json_reader_next_element (reader, &has_element, NULL))
        return FALSE;
      if (!has_element)
        return TRUE;

      person = scan_person (reader, is_host);
      if (person == NULL)
        return FALSE;
      g_ptr_array_add (people, person);
    }
}

static gboolean
scan_guests (CalbookJsonReader *reader,
             GPtrArray         *guests)
{
  if (calbook_json_reader_peek (reader) == CALBOOK_JSON_TOKEN_NULL)
    return calbook_json_reader_skip (reader, NULL);

  if (calbook_json_reader_peek (reader) != CALBOOK_JSON_TOKEN_ARRAY ||
      !calbook_json_reader_begin_array (reader, NULL))
    return FALSE;

  for (;;)
    {
      gboolean has_element;
      char *guest = NULL;

      if (!calbook_json_reader_next_element (reader, &has_element, NULL))
        return FALSE;
      if (!has_element)
        return TRUE;

      /* A null guest is not text: the tree reader refuses it */
      if (calbook_json_reader_peek (reader) != CALBOOK_JSON_TOKEN_STRING ||
          !scan_text (reader, &guest))
        return FALSE;
      g_ptr_array_add (guests, guest);
    }
}

static gboolean
scan_event_type (CalbookJsonReader *reader,
                 gint64            *id,
                 gboolean          *has_id,
                 char             **slug)
{
  guint seen = 0;

  if (calbook_json_reader_peek (reader) == CALBOOK_JSON_TOKEN_NULL)
    return calbook_json_reader_skip (reader, NULL);

  if (calbook_json_reader_peek (reader) != CALBOOK_JSON_TOKEN_OBJECT ||
      !calbook_json_reader_begin_object (reader, NULL))
    return FALSE;

  for (;;)
    {
      const char *member;
      gsize length;
      gboolean has_member;
      gboolean ok;

      if (!calbook_json_reader_next_member (reader, &member, &length, &has_member, NULL))
        return FALSE;
      if (!has_member)
        return TRUE;

      if (is_name ("id", member, length))
        {
          ok = !(seen & 1) && scan_integer (reader, G_MININT64, G_MAXINT64, id, has_id);
          seen |= 1;
        }
      else if (is_name ("slug", member, length))
        {
          ok = !(seen & 2) && scan_text (reader, slug);
          seen |= 2;
        }
      else
        {
          ok = calbook_json_reader_skip (reader, NULL);
        }

      if (!ok)
        return FALSE;
    }
}

/* An object or null, kept where it is in the text; bookingFieldsResponses
 * gives the notes (the last "notes" member, when it is text) */
static gboolean
scan_free_form (CalbookJsonReader  *reader,
                gsize              *offset,
                gsize              *length,
                char              **notes)
{
  gsize start;

  if (calbook_json_reader_peek (reader) == CALBOOK_JSON_TOKEN_NULL)
    return calbook_json_reader_skip (reader, NULL);

  if (calbook_json_reader_peek (reader) != CALBOOK_JSON_TOKEN_OBJECT)
    return FALSE;

  start = calbook_json_reader_get_offset (reader);

  if (notes == NULL)
    {
      if (!calbook_json_reader_skip (reader, NULL))
        return FALSE;
    }
  else
    {
      if (!calbook_json_reader_begin_object (reader, NULL))
        return FALSE;

      for (;;)
        {
          const char *member;
          gsize member_length;
          gboolean has_member;

          if (!calbook_json_reader_next_member (reader, &member, &member_length, &has_member,
                                                NULL))
            return FALSE;
          if (!has_member)
            break;

          if (is_name ("notes", member, member_length))
            {
              g_clear_pointer (notes, g_free);
              if (calbook_json_reader_peek (reader) == CALBOOK_JSON_TOKEN_STRING)
                {
                  if (!scan_text (reader, notes))
                    return FALSE;
                  continue;
                }
            }

          if (!calbook_json_reader_skip (reader, NULL))
            return FALSE;
        }
    }

  *offset = start;
  *length = calbook_json_reader_get_offset (reader) - start;
  return TRUE;
}

static gboolean
scan_field (CalbookBooking    *self,
            CalbookJsonReader *reader,
            Field              field,
            gint64            *deprecated_event_type_id,
            gint64            *event_type_id,
            gboolean          *has_event_type_id,
            gint64            *duration,
            gboolean          *has_duration,
            gboolean          *has_start,
            gboolean          *has_end)
{
  switch (field)
    {
    case FIELD_UID:
      return scan_text (reader, &self->uid);
    case FIELD_START:
      return scan_time (reader, &self->start, NULL, has_start);
    case FIELD_END:
      return scan_time (reader, &self->end, NULL, has_end);
    case FIELD_ID:
      return scan_integer (reader, G_MININT64, G_MAXINT64, &self->id, NULL);
    case FIELD_TITLE:
      return scan_text (reader, &self->title);
    case FIELD_DESCRIPTION:
      return scan_text (reader, &self->description);
    case FIELD_STATUS:
      return scan_text (reader, &self->api_status);
    case FIELD_DURATION:
      return scan_integer (reader, 0, G_MAXINT, duration, has_duration);
    case FIELD_CREATED_AT:
      return scan_time (reader, &self->created_at, &self->created_at_ms, &self->has_created_at);
    case FIELD_UPDATED_AT:
      return scan_time (reader, &self->updated_at, &self->updated_at_ms, &self->has_updated_at);
    case FIELD_EVENT_TYPE_ID:
      return scan_integer (reader, G_MININT64, G_MAXINT64, deprecated_event_type_id, NULL);
    case FIELD_EVENT_TYPE:
      return scan_event_type (reader, event_type_id, has_event_type_id, &self->event_type_slug);
    case FIELD_HOSTS:
      return scan_people (reader, TRUE, self->hosts);
    case FIELD_ATTENDEES:
      return scan_people (reader, FALSE, self->attendees);
    case FIELD_GUESTS:
      return scan_guests (reader, self->guests);
    case FIELD_ABSENT_HOST:
      return scan_boolean (reader, &self->absent_host);
    case FIELD_METADATA:
      return scan_free_form (reader, &self->metadata_offset, &self->metadata_length, NULL);
    case FIELD_RESPONSES:
      return scan_free_form (reader, &self->responses_offset, &self->responses_length,
                             &self->notes);
    case FIELD_RATING:
      if (calbook_json_reader_peek (reader) == CALBOOK_JSON_TOKEN_NUMBER)
        {
          gboolean is_integer;
          gint64 integer;

          return calbook_json_reader_read_number (reader, &is_integer, &integer, &self->rating,
                                                  NULL) &&
                 self->rating >= 0 && self->rating <= G_MAXINT;
        }
      return calbook_json_reader_peek (reader) == CALBOOK_JSON_TOKEN_NULL &&
             calbook_json_reader_skip (reader, NULL);
    case FIELD_OPTIONAL_TEXT:
    default:
      g_assert (field >= FIELD_OPTIONAL_TEXT && field < N_FIELDS);
      return scan_text (reader,
                        &G_STRUCT_MEMBER (char *, self,
                                          optional_text_fields[field - FIELD_OPTIONAL_TEXT].offset));
    }
}

/* Reads a new booking straight from @text; FALSE (nothing said) leaves it
 * to the tree reader */
static gboolean
scan_booking (CalbookBooking *self,
              const char     *text,
              gsize           length)
{
  CalbookJsonReader reader;
  gint64 deprecated_event_type_id = 0;
  gint64 event_type_id = 0;
  gboolean has_event_type_id = FALSE;
  gint64 duration = 0;
  gboolean has_duration = FALSE;
  gboolean has_start = FALSE;
  gboolean has_end = FALSE;
  guint32 seen = 0;
  gboolean ok = FALSE;

  calbook_json_reader_init (&reader, text, length);

  if (calbook_json_reader_peek (&reader) != CALBOOK_JSON_TOKEN_OBJECT ||
      !calbook_json_reader_begin_object (&reader, NULL))
    goto out;

  for (;;)
    {
      const char *name;
      gsize name_length;
      gboolean has_member;
      int field;

      if (!calbook_json_reader_next_member (&reader, &name, &name_length, &has_member, NULL))
        goto out;
      if (!has_member)
        break;

      field = find_field (name, name_length);
      if (field < 0)
        {
          if (!calbook_json_reader_skip (&reader, NULL))
            goto out;
          continue;
        }

      /* Repeated: the tree keeps the last one, in the place of the first */
      if (seen & (1u << field))
        goto out;
      seen |= 1u << field;

      if (!scan_field (self, &reader, field, &deprecated_event_type_id, &event_type_id,
                       &has_event_type_id, &duration, &has_duration, &has_start, &has_end))
        goto out;
    }

  if (!calbook_json_reader_end (&reader, NULL) ||
      calbook_json_reader_saw_non_finite (&reader))
    goto out;

  /* Required: without these the tree reader says what is missing */
  if (self->uid == NULL || self->uid[0] == '\0' || !has_start || !has_end ||
      self->end < self->start)
    goto out;

  if (self->title == NULL)
    self->title = g_strdup ("");
  if (self->description == NULL)
    self->description = g_strdup ("");
  if (self->api_status == NULL)
    self->api_status = g_strdup ("");

  self->event_type_id = has_event_type_id ? event_type_id : deprecated_event_type_id;
  self->duration = has_duration ? (int) duration : (int) MIN ((self->end - self->start) / 60,
                                                               G_MAXINT);
  self->status = calbook_booking_status_from_api (self->api_status, self->rescheduled_to_uid);
  self->has_spans = TRUE;
  ok = TRUE;

out:
  calbook_json_reader_clear (&reader);
  return ok;
}


/* GObject overrides */

static void
calbook_booking_finalize (GObject *object)
{
  CalbookBooking *self = (CalbookBooking *)object;

  g_clear_pointer (&self->raw, json_object_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->api_status, g_free);
  g_clear_pointer (&self->event_type_slug, g_free);
  g_clear_pointer (&self->hosts, g_ptr_array_unref);
  g_clear_pointer (&self->attendees, g_ptr_array_unref);
  g_clear_pointer (&self->guests, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (optional_text_fields); i++)
    g_clear_pointer (&G_STRUCT_MEMBER (char *, self, optional_text_fields[i].offset), g_free);

  G_OBJECT_CLASS (calbook_booking_parent_class)->finalize (object);
}

static void
calbook_booking_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CalbookBooking *self = CALBOOK_BOOKING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_API_STATUS:
      g_value_set_string (value, self->api_status);
      break;

    case PROP_STATUS_LABEL:
      g_value_set_string (value, calbook_booking_get_status_label (self));
      break;

    case PROP_START:
      g_value_set_int64 (value, self->start);
      break;

    case PROP_END:
      g_value_set_int64 (value, self->end);
      break;

    case PROP_DURATION:
      g_value_set_int (value, self->duration);
      break;

    case PROP_EVENT_TYPE_ID:
      g_value_set_int64 (value, self->event_type_id);
      break;

    case PROP_EVENT_TYPE_SLUG:
      g_value_set_string (value, self->event_type_slug);
      break;

    case PROP_HOSTS:
      g_value_set_boxed (value, self->hosts);
      break;

    case PROP_ATTENDEES:
      g_value_set_boxed (value, self->attendees);
      break;

    case PROP_GUESTS:
      g_value_set_boxed (value, self->guests);
      break;

    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;

    case PROP_MEETING_URL:
      g_value_set_string (value, self->meeting_url);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_METADATA:
      g_value_set_boxed (value, calbook_booking_get_metadata (self));
      break;

    case PROP_BOOKING_FIELDS_RESPONSES:
      g_value_set_boxed (value, calbook_booking_get_booking_fields_responses (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_CANCELLATION_REASON:
      g_value_set_string (value, self->cancellation_reason);
      break;

    case PROP_CANCELLED_BY_EMAIL:
      g_value_set_string (value, self->cancelled_by_email);
      break;

    case PROP_REJECTION_REASON:
      g_value_set_string (value, self->rejection_reason);
      break;

    case PROP_RESCHEDULING_REASON:
      g_value_set_string (value, self->rescheduling_reason);
      break;

    case PROP_RESCHEDULED_BY_EMAIL:
      g_value_set_string (value, self->rescheduled_by_email);
      break;

    case PROP_RESCHEDULED_FROM_UID:
      g_value_set_string (value, self->rescheduled_from_uid);
      break;

    case PROP_RESCHEDULED_TO_UID:
      g_value_set_string (value, self->rescheduled_to_uid);
      break;

    case PROP_RECURRING_BOOKING_UID:
      g_value_set_string (value, self->recurring_booking_uid);
      break;

    case PROP_ABSENT_HOST:
      g_value_set_boolean (value, self->absent_host);
      break;

    case PROP_RATING:
      g_value_set_int (value, calbook_booking_get_rating (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
new_string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
new_int64_property (const char *name,
                    gint64      minimum,
                    gint64      default_value)
{
  return g_param_spec_int64 (name, NULL, NULL, minimum, G_MAXINT64, default_value,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
new_boxed_property (const char *name,
                    GType       type)
{
  return g_param_spec_boxed (name, NULL, NULL, type,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
calbook_booking_class_init (CalbookBookingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = calbook_booking_finalize;
  object_class->get_property = calbook_booking_get_property;

  /* Static strings are required by G_PARAM_STATIC_STRINGS: the helpers
   * above are only ever called with literals */
  properties[PROP_ID] = new_int64_property ("id", G_MININT64, 0);
  properties[PROP_UID] = new_string_property ("uid");
  properties[PROP_TITLE] = new_string_property ("title");
  properties[PROP_DESCRIPTION] = new_string_property ("description");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       CALBOOK_TYPE_BOOKING_STATUS,
                       CALBOOK_BOOKING_STATUS_OTHER,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_API_STATUS] = new_string_property ("api-status");
  properties[PROP_STATUS_LABEL] = new_string_property ("status-label");
  properties[PROP_START] = new_int64_property ("start", G_MININT64, 0);
  properties[PROP_END] = new_int64_property ("end", G_MININT64, 0);
  properties[PROP_DURATION] =
    g_param_spec_int ("duration", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_TYPE_ID] = new_int64_property ("event-type-id", G_MININT64, 0);
  properties[PROP_EVENT_TYPE_SLUG] = new_string_property ("event-type-slug");
  properties[PROP_HOSTS] = new_boxed_property ("hosts", G_TYPE_PTR_ARRAY);
  properties[PROP_ATTENDEES] = new_boxed_property ("attendees", G_TYPE_PTR_ARRAY);
  properties[PROP_GUESTS] = new_boxed_property ("guests", G_TYPE_PTR_ARRAY);
  properties[PROP_LOCATION] = new_string_property ("location");
  properties[PROP_MEETING_URL] = new_string_property ("meeting-url");
  properties[PROP_NOTES] = new_string_property ("notes");
  properties[PROP_METADATA] = new_boxed_property ("metadata", JSON_TYPE_OBJECT);
  properties[PROP_BOOKING_FIELDS_RESPONSES] =
    new_boxed_property ("booking-fields-responses", JSON_TYPE_OBJECT);
  properties[PROP_CREATED_AT] = new_int64_property ("created-at", G_MININT64, 0);
  properties[PROP_UPDATED_AT] = new_int64_property ("updated-at", G_MININT64, 0);
  properties[PROP_CANCELLATION_REASON] = new_string_property ("cancellation-reason");
  properties[PROP_CANCELLED_BY_EMAIL] = new_string_property ("cancelled-by-email");
  properties[PROP_REJECTION_REASON] = new_string_property ("rejection-reason");
  properties[PROP_RESCHEDULING_REASON] = new_string_property ("rescheduling-reason");
  properties[PROP_RESCHEDULED_BY_EMAIL] = new_string_property ("rescheduled-by-email");
  properties[PROP_RESCHEDULED_FROM_UID] = new_string_property ("rescheduled-from-uid");
  properties[PROP_RESCHEDULED_TO_UID] = new_string_property ("rescheduled-to-uid");
  properties[PROP_RECURRING_BOOKING_UID] = new_string_property ("recurring-booking-uid");
  properties[PROP_ABSENT_HOST] =
    g_param_spec_boolean ("absent-host", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATING] =
    g_param_spec_int ("rating", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
calbook_booking_init (CalbookBooking *self)
{
  self->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_person_unref);
  self->attendees = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_person_unref);
  self->guests = g_ptr_array_new_with_free_func (g_free);
  self->status = CALBOOK_BOOKING_STATUS_OTHER;
  self->rating = -1;
}


/* Public API */

/**
 * calbook_booking_new_from_json:
 * @object: a booking as Cal.com's API v2 returns it
 * @error: return location for a #CalbookBookingError
 *
 * Reads one booking. @object is not changed; the booking keeps a sealed copy
 * of it (or a reference, when @object is already sealed).
 *
 * Returns: (transfer full) (nullable): the booking, or %NULL with @error set
 *   when a required field is missing or a known field is unusable
 */
CalbookBooking *
calbook_booking_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(CalbookBooking) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CALBOOK_TYPE_BOOKING, NULL);

  /* Sealed, so nobody can change a booking behind the back of the views
   * that show it */
  if (json_object_is_immutable (object))
    {
      self->raw = json_object_ref (object);
    }
  else
    {
      self->raw = copy_object_deep (object);
      json_object_seal (self->raw);
    }

  {
    g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), self->raw);
    g_autoptr(GString) path = g_string_new (NULL);
    Problem problem = PROBLEM_NOT_FINITE;

    if (find_unwritable (root, path, &problem))
      {
        /* Skip the leading "." of the top-level member */
        set_invalid (error, NULL, path->str + 1, problem);
        return NULL;
      }
  }

  if (!parse_booking (self, self->raw, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * calbook_booking_new_from_json_string:
 * @json: JSON text of one booking object
 * @length: the length of @json in bytes, or -1 when it ends with a NUL
 * @error: return location for a #CalbookBookingError
 *
 * Reads one booking from text, as calbook_booking_to_json_string() writes it.
 *
 * Returns: (transfer full) (nullable): the booking, or %NULL with @error set
 *   (%CALBOOK_BOOKING_ERROR_INVALID_JSON when @json is not a JSON object)
 */
CalbookBooking *
calbook_booking_new_from_json_string (const char  *json,
                                      gssize       length,
                                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CalbookBooking) self = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Straight from the text when it can be; else through a tree, which
   * reads the rest and says what is wrong */
  self = g_object_new (CALBOOK_TYPE_BOOKING, NULL);
  if (scan_booking (self, json, length < 0 ? strlen (json) : (gsize) length))
    {
      self->text = length < 0 ? g_strdup (json) : g_strndup (json, length);
      return g_steal_pointer (&self);
    }

  root = calbook_json_parse (json, length, &local_error);
  if (root == NULL)
    {
      g_set_error (error, CALBOOK_BOOKING_ERROR, CALBOOK_BOOKING_ERROR_INVALID_JSON,
                   _("The booking is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CALBOOK_BOOKING_ERROR, CALBOOK_BOOKING_ERROR_INVALID_JSON,
                           _("The booking is not a JSON object"));
      return NULL;
    }

  return calbook_booking_new_from_json_with_text (json_node_get_object (root), json, length,
                                                  error);
}

/**
 * calbook_booking_parse_time:
 * @text: a date and time in ISO 8601, as a booking's fields hold them
 * @length: its length in bytes
 * @out_ms: (out): milliseconds since the epoch, UTC
 *
 * Reads a time as a booking reads its own: Cal.com's form
 * ("2026-11-23T09:00:00.000Z") directly, any other through
 * g_date_time_new_from_iso8601(), a time without a zone as UTC.
 *
 * Returns: %TRUE when @text is such a time
 */
gboolean
calbook_booking_parse_time (const char *text,
                            gsize       length,
                            gint64     *out_ms)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *copy = NULL;
  gint64 seconds;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (out_ms != NULL, FALSE);

  if (parse_utc_stamp (text, length, &seconds, out_ms))
    return TRUE;

  /* GDateTime reads up to a NUL: one inside is not a time */
  if (memchr (text, '\0', length) != NULL)
    return FALSE;

  utc = g_time_zone_new_utc ();
  copy = g_strndup (text, length);
  date_time = g_date_time_new_from_iso8601 (copy, utc);
  if (date_time == NULL)
    return FALSE;

  *out_ms = g_date_time_to_unix (date_time) * 1000 + g_date_time_get_microsecond (date_time) / 1000;
  return TRUE;
}

/**
 * _calbook_booking_new_from_text_only:
 * @text: JSON text of one booking object
 * @length: its length in bytes
 *
 * Returns: (transfer full) (nullable): the booking read straight from
 *   @text, or %NULL where calbook_booking_new_from_json_string() would
 *   read it through a tree
 */
CalbookBooking *
_calbook_booking_new_from_text_only (const char *text,
                                     gsize       length)
{
  g_autoptr(CalbookBooking) self = g_object_new (CALBOOK_TYPE_BOOKING, NULL);

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (!scan_booking (self, text, length))
    return NULL;

  self->text = g_strndup (text, length);
  return g_steal_pointer (&self);
}

/**
 * calbook_booking_new_from_json_with_text:
 * @object: a booking as Cal.com's API v2 returns it, read from @text
 * @text: the JSON text @object was read from
 * @length: the length of @text in bytes, or -1 when it ends with a NUL
 * @error: return location for a #CalbookBookingError
 *
 * Like calbook_booking_new_from_json(), and keeps @text, so that the store
 * writes what Cal.com sent rather than a tree written out again.
 *
 * Returns: (transfer full) (nullable): the booking, or %NULL with @error set
 */
CalbookBooking *
calbook_booking_new_from_json_with_text (JsonObject  *object,
                                         const char  *text,
                                         gssize       length,
                                         GError     **error)
{
  CalbookBooking *self;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = calbook_booking_new_from_json (object, error);
  if (self != NULL)
    self->text = length < 0 ? g_strdup (text) : g_strndup (text, length);

  return self;
}

/**
 * calbook_booking_to_json:
 * @self: a #CalbookBooking
 *
 * Writes the booking in Cal.com's shape. The fields Calbook knows are
 * written from the booking, over a copy of the object it was read from,
 * so fields Calbook does not know come out unchanged. Times are written as
 * UTC with milliseconds (`2026-11-23T09:00:00.000Z`).
 *
 * Returns: (transfer full): a new, mutable object
 */
JsonObject *
calbook_booking_to_json (CalbookBooking *self)
{
  JsonObject *object;
  JsonObject *metadata;
  JsonObject *responses;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  object = copy_object_deep (ensure_raw (self));

  json_object_set_int_member (object, "id", self->id);
  json_object_set_string_member (object, "uid", self->uid);
  json_object_set_string_member (object, "title", self->title);
  json_object_set_string_member (object, "description", self->description);
  json_object_set_string_member (object, "status", self->api_status);
  set_time_member (object, "start", self->start);
  set_time_member (object, "end", self->end);
  json_object_set_int_member (object, "duration", self->duration);

  if (self->has_created_at)
    set_time_ms_member (object, "createdAt", self->created_at_ms);
  if (self->has_updated_at)
    set_time_ms_member (object, "updatedAt", self->updated_at_ms);

  if (self->event_type_id != 0 || self->event_type_slug != NULL)
    {
      JsonObject *event_type = NULL;

      if (json_object_has_member (object, "eventType") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "eventType")))
        event_type = json_object_ref (json_object_get_object_member (object, "eventType"));
      else
        event_type = json_object_new ();

      json_object_set_int_member (event_type, "id", self->event_type_id);
      set_optional_string_member (event_type, "slug", self->event_type_slug);
      json_object_set_object_member (object, "eventType", event_type);
      json_object_set_int_member (object, "eventTypeId", self->event_type_id);
    }

  json_object_set_array_member (object, "hosts",
                                people_to_json (self, self->hosts, "hosts", TRUE));
  json_object_set_array_member (object, "attendees",
                                people_to_json (self, self->attendees, "attendees", FALSE));

  {
    JsonArray *guests = json_array_sized_new (self->guests->len);

    for (guint i = 0; i < self->guests->len; i++)
      json_array_add_string_element (guests, g_ptr_array_index (self->guests, i));
    json_object_set_array_member (object, "guests", guests);
  }

  json_object_set_boolean_member (object, "absentHost", self->absent_host);

  for (guint i = 0; i < G_N_ELEMENTS (optional_text_fields); i++)
    {
      const TextField *field = &optional_text_fields[i];

      set_optional_string_member (object, field->member,
                                  G_STRUCT_MEMBER (char *, self, field->offset));
    }

  metadata = calbook_booking_get_metadata (self);
  responses = calbook_booking_get_booking_fields_responses (self);
  if (metadata != NULL)
    json_object_set_object_member (object, "metadata", copy_object_deep (metadata));
  if (responses != NULL)
    json_object_set_object_member (object, "bookingFieldsResponses", copy_object_deep (responses));
  if (self->rating >= 0 && self->rating == (double) (gint64) self->rating)
    json_object_set_int_member (object, "rating", (gint64) self->rating);
  else if (self->rating >= 0)
    json_object_set_double_member (object, "rating", self->rating);

  return object;
}

/**
 * calbook_booking_to_json_string:
 * @self: a #CalbookBooking
 *
 * JSON text for the store: the text the booking was read from when there
 * is one (byte for byte what Cal.com sent), else compact JSON text of
 * calbook_booking_to_json() that always parses again.
 *
 * Returns: (transfer full): UTF-8 JSON text
 */
char *
calbook_booking_to_json_string (CalbookBooking *self)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  /* As Cal.com sent it: re-serialising a parsed tree can write text that
   * does not parse again (1e308 came out as "1e+308.0") */
  if (self->text != NULL)
    return g_strdup (self->text);

  object = calbook_booking_to_json (self);
  root = json_node_init_object (json_node_alloc (), object);

  return calbook_json_to_string (root);
}

/**
 * calbook_booking_equal:
 * @a: a #CalbookBooking
 * @b: a #CalbookBooking
 *
 * Compares every field Calbook reads, people field by field and the
 * metadata and booking responses as JSON (member order does not matter, and
 * neither does 2 against 2.0). Fields Calbook does not know are not
 * compared, nor are the sub-second parts of times, which are not kept.
 *
 * Returns: %TRUE when @a and @b hold the same booking
 */
gboolean
calbook_booking_equal (CalbookBooking *a,
                       CalbookBooking *b)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (a), FALSE);
  g_return_val_if_fail (CALBOOK_IS_BOOKING (b), FALSE);

  if (a == b)
    return TRUE;

  if (a->id != b->id ||
      a->status != b->status ||
      a->start != b->start ||
      a->end != b->end ||
      a->duration != b->duration ||
      a->created_at != b->created_at ||
      a->updated_at != b->updated_at ||
      a->event_type_id != b->event_type_id ||
      a->absent_host != b->absent_host ||
      a->rating != b->rating ||
      a->updated_at_ms != b->updated_at_ms ||
      g_strcmp0 (a->uid, b->uid) != 0 ||
      g_strcmp0 (a->title, b->title) != 0 ||
      g_strcmp0 (a->description, b->description) != 0 ||
      g_strcmp0 (a->api_status, b->api_status) != 0 ||
      g_strcmp0 (a->event_type_slug, b->event_type_slug) != 0 ||
      g_strcmp0 (a->notes, b->notes) != 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (optional_text_fields); i++)
    {
      gsize offset = optional_text_fields[i].offset;

      if (g_strcmp0 (G_STRUCT_MEMBER (char *, a, offset), G_STRUCT_MEMBER (char *, b, offset)) != 0)
        return FALSE;
    }

  return people_equal (a->hosts, b->hosts) &&
         people_equal (a->attendees, b->attendees) &&
         strings_equal (a->guests, b->guests) &&
         free_form_equal (a, b, "metadata") &&
         free_form_equal (a, b, "bookingFieldsResponses");
}

/**
 * calbook_booking_status_from_api:
 * @api_status: (nullable): Cal.com's `status` ("accepted", "pending", ...)
 * @rescheduled_to_uid: (nullable): Cal.com's `rescheduledToUid`
 *
 * Maps Cal.com's status onto the one people see (docs/architecture.md §2). A
 * cancelled booking with a new uid is the old half of a reschedule. The
 * comparison ignores case, because webhooks spell statuses in upper case.
 *
 * Returns: the status; %CALBOOK_BOOKING_STATUS_OTHER for unknown values
 */
CalbookBookingStatus
calbook_booking_status_from_api (const char *api_status,
                                 const char *rescheduled_to_uid)
{
  if (api_status == NULL)
    return CALBOOK_BOOKING_STATUS_OTHER;

  if (g_ascii_strcasecmp (api_status, "pending") == 0)
    return CALBOOK_BOOKING_STATUS_PENDING;
  if (g_ascii_strcasecmp (api_status, "accepted") == 0)
    return CALBOOK_BOOKING_STATUS_CONFIRMED;
  if (g_ascii_strcasecmp (api_status, "rejected") == 0)
    return CALBOOK_BOOKING_STATUS_DECLINED;
  if (g_ascii_strcasecmp (api_status, "cancelled") == 0)
    {
      if (rescheduled_to_uid != NULL && rescheduled_to_uid[0] != '\0')
        return CALBOOK_BOOKING_STATUS_RESCHEDULED;
      return CALBOOK_BOOKING_STATUS_CANCELLED;
    }

  return CALBOOK_BOOKING_STATUS_OTHER;
}

/**
 * calbook_booking_status_to_label:
 * @status: a #CalbookBookingStatus
 *
 * Returns: the translated name of @status, such as "Confirmed"; "Other"
 *   for %CALBOOK_BOOKING_STATUS_OTHER (a booking shows its own value, see
 *   calbook_booking_get_status_label())
 */
const char *
calbook_booking_status_to_label (CalbookBookingStatus status)
{
  switch (status)
    {
    case CALBOOK_BOOKING_STATUS_PENDING:
      return _("Pending");

    case CALBOOK_BOOKING_STATUS_CONFIRMED:
      return _("Confirmed");

    case CALBOOK_BOOKING_STATUS_CANCELLED:
      return _("Cancelled");

    case CALBOOK_BOOKING_STATUS_RESCHEDULED:
      return _("Rescheduled");

    case CALBOOK_BOOKING_STATUS_DECLINED:
      return _("Declined");

    case CALBOOK_BOOKING_STATUS_OTHER:
    default:
      return _("Other");
    }
}

/**
 * calbook_booking_get_api_status:
 * @self: a #CalbookBooking
 *
 * Returns: Cal.com's `status` as it came, "" when it was absent
 */
const char *
calbook_booking_get_api_status (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->api_status;
}

/**
 * calbook_booking_get_status:
 * @self: a #CalbookBooking
 *
 * Returns: the status people see
 */
CalbookBookingStatus
calbook_booking_get_status (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), CALBOOK_BOOKING_STATUS_OTHER);

  return self->status;
}

/**
 * calbook_booking_get_status_label:
 * @self: a #CalbookBooking
 *
 * Returns: the translated status, or Cal.com's own value for statuses
 *   Calbook does not know ("awaiting_host"), or "Unknown" when there was
 *   none; never %NULL
 */
const char *
calbook_booking_get_status_label (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  if (self->status != CALBOOK_BOOKING_STATUS_OTHER)
    return calbook_booking_status_to_label (self->status);
  if (self->api_status[0] == '\0')
    return _("Unknown");
  return self->api_status;
}

/**
 * calbook_booking_get_id:
 * @self: a #CalbookBooking
 *
 * Returns: Cal.com's numeric id, 0 when absent
 */
gint64
calbook_booking_get_id (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), 0);

  return self->id;
}

/**
 * calbook_booking_get_uid:
 * @self: a #CalbookBooking
 *
 * Returns: the uid that identifies the booking in every API route; never
 *   %NULL or empty
 */
const char *
calbook_booking_get_uid (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->uid;
}

/**
 * calbook_booking_get_title:
 * @self: a #CalbookBooking
 *
 * Returns: the title, never %NULL (may be empty)
 */
const char *
calbook_booking_get_title (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->title;
}

/**
 * calbook_booking_get_description:
 * @self: a #CalbookBooking
 *
 * Returns: the description, never %NULL (may be empty)
 */
const char *
calbook_booking_get_description (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->description;
}

/**
 * calbook_booking_get_location:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): where the meeting is: an address, a phone number or
 *   a link, as Cal.com writes it
 */
const char *
calbook_booking_get_location (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->location;
}

/**
 * calbook_booking_get_meeting_url:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): Cal.com's deprecated `meetingUrl`
 */
const char *
calbook_booking_get_meeting_url (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->meeting_url;
}

/**
 * calbook_booking_get_notes:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): `bookingFieldsResponses.notes` when it is text
 */
const char *
calbook_booking_get_notes (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->notes;
}

/**
 * calbook_booking_get_event_type_id:
 * @self: a #CalbookBooking
 *
 * Returns: `eventType.id` (or the deprecated `eventTypeId`), 0 when absent
 */
gint64
calbook_booking_get_event_type_id (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), 0);

  return self->event_type_id;
}

/**
 * calbook_booking_get_event_type_slug:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): `eventType.slug`
 */
const char *
calbook_booking_get_event_type_slug (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->event_type_slug;
}

/**
 * calbook_booking_get_start:
 * @self: a #CalbookBooking
 *
 * Returns: the start in UTC seconds since the epoch
 */
gint64
calbook_booking_get_start (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), 0);

  return self->start;
}

/**
 * calbook_booking_get_end:
 * @self: a #CalbookBooking
 *
 * Returns: the end in UTC seconds since the epoch, never before the start
 */
gint64
calbook_booking_get_end (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), 0);

  return self->end;
}

/**
 * calbook_booking_get_duration:
 * @self: a #CalbookBooking
 *
 * Returns: Cal.com's `duration` in minutes, or the minutes between start
 *   and end when it was absent
 */
int
calbook_booking_get_duration (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), 0);

  return self->duration;
}

/**
 * calbook_booking_get_created_at:
 * @self: a #CalbookBooking
 *
 * Returns: when the booking was made, in UTC seconds; 0 when unknown
 */
gint64
calbook_booking_get_created_at (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), 0);

  return self->created_at;
}

/**
 * calbook_booking_get_updated_at:
 * @self: a #CalbookBooking
 *
 * Returns: when Cal.com last changed the booking, in UTC seconds; 0 when
 *   unknown
 */
gint64
calbook_booking_get_updated_at (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), 0);

  return self->updated_at;
}

/**
 * calbook_booking_get_hosts:
 * @self: a #CalbookBooking
 *
 * Returns: (transfer none) (element-type CalbookPerson): the hosts, each
 *   with `user_id`; never %NULL
 */
GPtrArray *
calbook_booking_get_hosts (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->hosts;
}

/**
 * calbook_booking_get_attendees:
 * @self: a #CalbookBooking
 *
 * Returns: (transfer none) (element-type CalbookPerson): the attendees;
 *   never %NULL
 */
GPtrArray *
calbook_booking_get_attendees (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->attendees;
}

/**
 * calbook_booking_get_guests:
 * @self: a #CalbookBooking
 *
 * Returns: (transfer none) (element-type utf8): guest e-mail addresses;
 *   never %NULL
 */
GPtrArray *
calbook_booking_get_guests (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->guests;
}

/**
 * calbook_booking_get_absent_host:
 * @self: a #CalbookBooking
 *
 * Returns: whether the host was marked as a no-show
 */
gboolean
calbook_booking_get_absent_host (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), FALSE);

  return self->absent_host;
}

/**
 * calbook_booking_has_host:
 * @self: a #CalbookBooking
 * @user_id: a Cal.com user id
 *
 * Tells whether the booking is one of @user_id's own (docs/architecture.md §2: an
 * admin's list holds the whole organization). Hosts without an id (0) are
 * nobody's: an unknown user id never matches.
 *
 * Returns: %TRUE when a host has @user_id
 */
gboolean
calbook_booking_has_host (CalbookBooking *self,
                          gint64          user_id)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), FALSE);

  if (user_id <= 0)
    return FALSE;

  for (guint i = 0; i < self->hosts->len; i++)
    {
      const CalbookPerson *host = g_ptr_array_index (self->hosts, i);

      if (host->user_id == user_id)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_same_email (const char *a,
               const char *b)
{
  /* Cal.com matches e-mail addresses without regard to case */
  return a != NULL && a[0] != '\0' && g_ascii_strcasecmp (a, b) == 0;
}

/**
 * calbook_booking_involves_user:
 * @self: a #CalbookBooking
 * @user_id: a Cal.com user id, or 0 when unknown
 * @email: (nullable): the user's e-mail address
 *
 * The one definition of a person's "own" booking, used by the sync to keep
 * a member's store to what Cal.com lets them see, and by the store and the
 * views for "my bookings": the user organizes it (the organizer is the first
 * host), hosts it, or attends it (as an attendee or a guest, who are
 * attendees on Cal.com). Hosts match by id or by e-mail, because Cal.com
 * sends some hosts without a usable id; attendees match by e-mail, ignoring
 * case. An unknown id (0 or less) and an empty e-mail match nobody.
 *
 * Returns: %TRUE when @self is one of the user's own bookings
 */
gboolean
calbook_booking_involves_user (CalbookBooking *self,
                               gint64          user_id,
                               const char     *email)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), FALSE);

  if (calbook_booking_has_host (self, user_id))
    return TRUE;

  if (email == NULL || email[0] == '\0')
    return FALSE;

  for (guint i = 0; i < self->hosts->len; i++)
    {
      const CalbookPerson *host = g_ptr_array_index (self->hosts, i);

      if (is_same_email (host->email, email))
        return TRUE;
    }

  for (guint i = 0; i < self->attendees->len; i++)
    {
      const CalbookPerson *attendee = g_ptr_array_index (self->attendees, i);

      if (is_same_email (attendee->email, email))
        return TRUE;
    }

  for (guint i = 0; i < self->guests->len; i++)
    {
      if (is_same_email (g_ptr_array_index (self->guests, i), email))
        return TRUE;
    }

  return FALSE;
}

/**
 * calbook_booking_get_cancellation_reason:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): why the booking was cancelled
 */
const char *
calbook_booking_get_cancellation_reason (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->cancellation_reason;
}

/**
 * calbook_booking_get_cancelled_by_email:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): who cancelled the booking
 */
const char *
calbook_booking_get_cancelled_by_email (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->cancelled_by_email;
}

/**
 * calbook_booking_get_rejection_reason:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): why a host declined the booking
 */
const char *
calbook_booking_get_rejection_reason (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->rejection_reason;
}

/**
 * calbook_booking_get_rescheduling_reason:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): why the booking was moved
 */
const char *
calbook_booking_get_rescheduling_reason (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->rescheduling_reason;
}

/**
 * calbook_booking_get_rescheduled_by_email:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): who moved the booking
 */
const char *
calbook_booking_get_rescheduled_by_email (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->rescheduled_by_email;
}

/**
 * calbook_booking_get_rescheduled_from_uid:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): the uid of the booking this one replaced
 */
const char *
calbook_booking_get_rescheduled_from_uid (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->rescheduled_from_uid;
}

/**
 * calbook_booking_get_rescheduled_to_uid:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): the uid of the booking that replaced this one
 */
const char *
calbook_booking_get_rescheduled_to_uid (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->rescheduled_to_uid;
}

/**
 * calbook_booking_get_recurring_booking_uid:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): the uid of the recurring series this booking is part of
 */
const char *
calbook_booking_get_recurring_booking_uid (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->recurring_booking_uid;
}

/**
 * calbook_booking_get_metadata:
 * @self: a #CalbookBooking
 *
 * Returns: (transfer none) (nullable): Cal.com's `metadata`, sealed
 */
JsonObject *
calbook_booking_get_metadata (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return calbook_json_get_object (ensure_raw (self), "metadata");
}

/**
 * calbook_booking_get_booking_fields_responses:
 * @self: a #CalbookBooking
 *
 * Returns: (transfer none) (nullable): the answers to the booking form
 *   (`bookingFieldsResponses`), sealed
 */
JsonObject *
calbook_booking_get_booking_fields_responses (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return calbook_json_get_object (ensure_raw (self), "bookingFieldsResponses");
}

/**
 * calbook_booking_get_rating:
 * @self: a #CalbookBooking
 *
 * Returns: the attendee's rating, or -1 when there is none
 */
int
calbook_booking_get_rating (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), -1);

  if (self->rating < 0)
    return -1;
  /* Half up, as people round a 4.5 */
  return (int) (self->rating + 0.5);
}

/**
 * calbook_booking_get_rating_value:
 * @self: a #CalbookBooking
 *
 * Returns: the attendee's rating as Cal.com sent it (it may have a
 *   fraction), or -1 when there is none
 */
double
calbook_booking_get_rating_value (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), -1);

  return self->rating;
}

/**
 * calbook_booking_get_created_at_ms:
 * @self: a #CalbookBooking
 *
 * Returns: `createdAt` in UTC milliseconds, 0 when unknown
 */
gint64
calbook_booking_get_created_at_ms (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), 0);

  return self->created_at_ms;
}

/**
 * calbook_booking_get_updated_at_ms:
 * @self: a #CalbookBooking
 *
 * The stamp the sync pages by: Cal.com compares `updatedAt` to the
 * millisecond.
 *
 * Returns: `updatedAt` in UTC milliseconds, 0 when unknown (Cal.com sends
 *   null for a booking never changed since it was made)
 */
gint64
calbook_booking_get_updated_at_ms (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), 0);

  return self->updated_at_ms;
}

/**
 * calbook_booking_get_json_text:
 * @self: a #CalbookBooking
 *
 * Returns: (nullable): the JSON text the booking was read from, byte for
 *   byte as it came, or %NULL when it was built from a tree
 */
const char *
calbook_booking_get_json_text (CalbookBooking *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (self), NULL);

  return self->text;
}
