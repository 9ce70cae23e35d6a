/* booking-reader-check.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "booking-reader-check.h"
#include "calbook-booking-private.h"
#include "calbook-error.h"
#include "calbook-json.h"

/*
 * The proof that reading a booking straight from its text changed nothing:
 * every booking is compared, field by field, with what the tree reader
 * (json-glib objects, the only reader before) makes of the same text, and
 * every refusal with the tree reader's refusal, message and all.
 */

/* calbook_booking_new_from_json_string() as it was: a tree, then the booking */
static CalbookBooking *
read_through_tree (const char  *text,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = calbook_json_parse (text, length, &local_error);

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

  return calbook_booking_new_from_json_with_text (json_node_get_object (root), text, length,
                                                  error);
}

static gboolean
objects_same (JsonObject *a,
              JsonObject *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_object_equal (a, b);
}

static gboolean
people_same (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!calbook_person_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static gboolean
strings_same (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

#define SAME_INT(getter) \
  if (getter (a) != getter (b)) \
    return g_strdup_printf ("%s: %" G_GINT64_FORMAT " against %" G_GINT64_FORMAT, #getter, \
                            (gint64) getter (a), (gint64) getter (b))
#define SAME_TEXT(getter) \
  if (g_strcmp0 (getter (a), getter (b)) != 0) \
    return g_strdup_printf ("%s: %s against %s", #getter, getter (a), getter (b))

/* What differs between @a (read from text) and @b (through a tree), in
 * every getter rather than calbook_booking_equal(), which takes the same
 * text for the same booking */
static char *
describe_difference (CalbookBooking *a,
                     CalbookBooking *b)
{
  g_autoptr(JsonObject) a_json = NULL;
  g_autoptr(JsonObject) b_json = NULL;

  SAME_INT (calbook_booking_get_id);
  SAME_TEXT (calbook_booking_get_uid);
  SAME_TEXT (calbook_booking_get_title);
  SAME_TEXT (calbook_booking_get_description);
  SAME_TEXT (calbook_booking_get_api_status);
  SAME_INT (calbook_booking_get_status);
  SAME_INT (calbook_booking_get_start);
  SAME_INT (calbook_booking_get_end);
  SAME_INT (calbook_booking_get_duration);
  SAME_INT (calbook_booking_get_created_at);
  SAME_INT (calbook_booking_get_updated_at);
  SAME_INT (calbook_booking_get_created_at_ms);
  SAME_INT (calbook_booking_get_updated_at_ms);
  SAME_INT (calbook_booking_get_event_type_id);
  SAME_TEXT (calbook_booking_get_event_type_slug);
  SAME_TEXT (calbook_booking_get_location);
  SAME_TEXT (calbook_booking_get_meeting_url);
  SAME_TEXT (calbook_booking_get_notes);
  SAME_INT (calbook_booking_get_absent_host);
  SAME_INT (calbook_booking_get_rating);
  SAME_TEXT (calbook_booking_get_cancellation_reason);
  SAME_TEXT (calbook_booking_get_cancelled_by_email);
  SAME_TEXT (calbook_booking_get_rejection_reason);
  SAME_TEXT (calbook_booking_get_rescheduling_reason);
  SAME_TEXT (calbook_booking_get_rescheduled_by_email);
  SAME_TEXT (calbook_booking_get_rescheduled_from_uid);
  SAME_TEXT (calbook_booking_get_rescheduled_to_uid);
  SAME_TEXT (calbook_booking_get_recurring_booking_uid);
  SAME_TEXT (calbook_booking_get_json_text);

  if (calbook_booking_get_rating_value (a) != calbook_booking_get_rating_value (b))
    return g_strdup ("the rating's value");
  if (!people_same (calbook_booking_get_hosts (a), calbook_booking_get_hosts (b)))
    return g_strdup ("the hosts");
  if (!people_same (calbook_booking_get_attendees (a), calbook_booking_get_attendees (b)))
    return g_strdup ("the attendees");
  if (!strings_same (calbook_booking_get_guests (a), calbook_booking_get_guests (b)))
    return g_strdup ("the guests");
  if (!objects_same (calbook_booking_get_metadata (a), calbook_booking_get_metadata (b)))
    return g_strdup ("the metadata");
  if (!objects_same (calbook_booking_get_booking_fields_responses (a),
                     calbook_booking_get_booking_fields_responses (b)))
    return g_strdup ("the booking responses");

  a_json = calbook_booking_to_json (a);
  b_json = calbook_booking_to_json (b);
  if (!json_object_equal (a_json, b_json))
    return g_strdup ("calbook_booking_to_json()");

  if (!calbook_booking_equal (a, b))
    return g_strdup ("calbook_booking_equal()");

  return NULL;
}

/**
 * test_compare_booking_readers:
 * @text: the text of one booking, as Cal.com or a hostile server sends it
 * @length: its length in bytes
 * @scanned: (out) (optional): whether the reader straight from the text
 *   took it (else it left it to the tree reader)
 *
 * Reads @text with calbook_booking_new_from_json_string(), with the reader
 * straight from text alone, and through a json-glib tree as before.
 *
 * Returns: (transfer full) (nullable): %NULL when all agree (the same
 *   booking in every field, or the same error), else what differs
 */
char *
test_compare_booking_readers (const char *text,
                              gsize       length,
                              gboolean   *scanned)
{
  g_autoptr(CalbookBooking) scanned_booking = NULL;
  g_autoptr(CalbookBooking) booking = NULL;
  g_autoptr(CalbookBooking) tree_booking = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) tree_error = NULL;

  scanned_booking = _calbook_booking_new_from_text_only (text, length);
  booking = calbook_booking_new_from_json_string (text, length, &error);
  tree_booking = read_through_tree (text, length, &tree_error);

  if (scanned != NULL)
    *scanned = scanned_booking != NULL;

  if ((booking == NULL) != (tree_booking == NULL))
    return g_strdup_printf ("read %s, through a tree %s",
                            booking != NULL ? "a booking" : error->message,
                            tree_booking != NULL ? "a booking" : tree_error->message);

  if (booking == NULL)
    {
      if (scanned_booking != NULL)
        return g_strdup_printf ("read from the text, refused through a tree: %s",
                                tree_error->message);
      if (error->domain != tree_error->domain || error->code != tree_error->code ||
          g_strcmp0 (error->message, tree_error->message) != 0)
        return g_strdup_printf ("refused with “%s”, through a tree with “%s”",
                                error->message, tree_error->message);
      return NULL;
    }

  if (scanned_booking != NULL)
    {
      char *difference = describe_difference (scanned_booking, tree_booking);

      if (difference != NULL)
        return difference;
    }

  return describe_difference (booking, tree_booking);
}
