/* calbook-booking-column.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-store"

#include <string.h>

#include "calbook-booking-column.h"
#include "calbook-booking-column-private.h"

G_DEFINE_ENUM_TYPE (CalbookBookingColumn, calbook_booking_column,
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_COLUMN_DEFAULT, "default"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_COLUMN_START, "start"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_COLUMN_LENGTH, "length"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_COLUMN_CLIENT, "client"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_COLUMN_HOST, "host"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_COLUMN_EVENT_TYPE, "event-type"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_COLUMN_STATUS, "status"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_COLUMN_LOCATION, "location"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_COLUMN_CREATED, "created"))

G_DEFINE_ENUM_TYPE (CalbookBookingLocation, calbook_booking_location,
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_LOCATION_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_LOCATION_LINK, "link"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_LOCATION_INTEGRATION, "integration"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_LOCATION_PHONE, "phone"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_BOOKING_LOCATION_ADDRESS, "address"))

/* Fewer digits than this is not a phone number but, say, a room "12" */
#define MIN_PHONE_DIGITS 5

/* Auxiliary methods */

static gboolean
looks_like_phone (const char *text)
{
  guint digits = 0;

  if (*text == '+')
    text++;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" ()-./", *p) == NULL)
        return FALSE;
    }

  return digits >= MIN_PHONE_DIGITS;
}

static CalbookPerson *
get_first (GPtrArray *people)
{
  return people != NULL && people->len > 0 ? g_ptr_array_index (people, 0) : NULL;
}

/* Public API */

/**
 * calbook_booking_location_from_text:
 * @location: (nullable): a booking's `location` as Cal.com sends it
 *
 * Returns: what kind of place @location names
 */
CalbookBookingLocation
calbook_booking_location_from_text (const char *location)
{
  if (location == NULL)
    return CALBOOK_BOOKING_LOCATION_NONE;

  while (g_ascii_isspace (*location))
    location++;

  if (*location == '\0')
    return CALBOOK_BOOKING_LOCATION_NONE;
  if (g_ascii_strncasecmp (location, "http://", 7) == 0 ||
      g_ascii_strncasecmp (location, "https://", 8) == 0)
    return CALBOOK_BOOKING_LOCATION_LINK;
  if (g_str_has_prefix (location, "integrations:"))
    return CALBOOK_BOOKING_LOCATION_INTEGRATION;
  if (looks_like_phone (location))
    return CALBOOK_BOOKING_LOCATION_PHONE;

  return CALBOOK_BOOKING_LOCATION_ADDRESS;
}

/**
 * calbook_booking_column_get_client:
 * @booking: a booking
 *
 * Returns: (transfer none) (nullable): the first attendee
 */
CalbookPerson *
calbook_booking_column_get_client (CalbookBooking *booking)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  return get_first (calbook_booking_get_attendees (booking));
}

/**
 * calbook_booking_column_get_host:
 * @booking: a booking
 *
 * Returns: (transfer none) (nullable): the first host, who is the organizer
 */
CalbookPerson *
calbook_booking_column_get_host (CalbookBooking *booking)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  return get_first (calbook_booking_get_hosts (booking));
}

/* Private API */

gboolean
_calbook_booking_column_is_text (CalbookBookingColumn column)
{
  return column == CALBOOK_BOOKING_COLUMN_CLIENT ||
         column == CALBOOK_BOOKING_COLUMN_HOST ||
         column == CALBOOK_BOOKING_COLUMN_EVENT_TYPE;
}

gint64
_calbook_booking_column_get_number (CalbookBookingColumn  column,
                                    CalbookBooking       *booking)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), 0);

  switch (column)
    {
    case CALBOOK_BOOKING_COLUMN_LENGTH:
      return calbook_booking_get_duration (booking);
    case CALBOOK_BOOKING_COLUMN_STATUS:
      return calbook_booking_get_status (booking);
    case CALBOOK_BOOKING_COLUMN_LOCATION:
      return calbook_booking_location_from_text (calbook_booking_get_location (booking));
    case CALBOOK_BOOKING_COLUMN_CREATED:
      return calbook_booking_get_created_at (booking);
    case CALBOOK_BOOKING_COLUMN_DEFAULT:
    case CALBOOK_BOOKING_COLUMN_START:
    case CALBOOK_BOOKING_COLUMN_CLIENT:
    case CALBOOK_BOOKING_COLUMN_HOST:
    case CALBOOK_BOOKING_COLUMN_EVENT_TYPE:
    default:
      return calbook_booking_get_start (booking);
    }
}

char *
_calbook_booking_column_dup_text (CalbookBookingColumn  column,
                                  CalbookBooking       *booking)
{
  const char *slug;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  switch (column)
    {
    case CALBOOK_BOOKING_COLUMN_CLIENT:
      return _calbook_booking_column_dup_person_key (calbook_booking_column_get_client (booking));
    case CALBOOK_BOOKING_COLUMN_HOST:
      return _calbook_booking_column_dup_person_key (calbook_booking_column_get_host (booking));
    case CALBOOK_BOOKING_COLUMN_EVENT_TYPE:
      slug = calbook_booking_get_event_type_slug (booking);
      return g_strdup (slug != NULL ? slug : "");
    default:
      return g_strdup ("");
    }
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        return FALSE;
    }

  return TRUE;
}

char *
_calbook_booking_column_dup_person_key (const CalbookPerson *person)
{
  g_autofree char *valid = NULL;
  g_autofree char *composed = NULL;

  const char *label;

  if (person == NULL)
    return g_strdup ("");

  /* Case-insensitive and the same however the text was composed, yet not
   * the user's locale's collation: the order is kept in an index on disk,
   * which must not change when the language does. Plain ASCII (most names
   * and addresses) is its own composed form, and folds by lower-casing. */
  label = calbook_person_get_label (person);
  if (is_ascii (label))
    return g_ascii_strdown (label, -1);

  valid = g_utf8_make_valid (label, -1);
  composed = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL_COMPOSE);
  return g_utf8_casefold (composed != NULL ? composed : valid, -1);
}

char *
_calbook_booking_column_dup_email_key (const char *email)
{
  if (email == NULL || email[0] == '\0')
    return NULL;

  return g_ascii_strdown (email, -1);
}
