/* calbook-booking-summary.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-store"

#include <string.h>

#include "calbook-booking-summary.h"
#include "calbook-booking-summary-private.h"

struct _CalbookBookingSummary
{
  GObject                 parent_instance;

  /* Every text lives in one block, after the object's own fields */
  const char             *uid;
  const char             *title;
  const char             *api_status;
  const char             *client_name;
  const char             *client_email;
  const char             *client_key;
  const char             *host_name;
  const char             *host_email;
  const char             *host_key;
  const char             *event_type_slug;
  const char             *location;
  char                   *texts;

  gint64                  start;
  gint64                  end;
  gint64                  updated_at;
  gint64                  created_at;
  gint64                  event_type_id;
  int                     length;
  guint                   attendee_count;
  CalbookBookingStatus    status;
  CalbookBookingLocation  location_kind;
  gboolean                recurring;
  gboolean                no_show;
};

G_DEFINE_FINAL_TYPE (CalbookBookingSummary, calbook_booking_summary, G_TYPE_OBJECT)

static void
calbook_booking_summary_finalize (GObject *object)
{
  CalbookBookingSummary *self = CALBOOK_BOOKING_SUMMARY (object);

  g_free (self->texts);

  G_OBJECT_CLASS (calbook_booking_summary_parent_class)->finalize (object);
}

static void
calbook_booking_summary_class_init (CalbookBookingSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = calbook_booking_summary_finalize;
}

static void
calbook_booking_summary_init (CalbookBookingSummary *self)
{
}

/* Private API */

CalbookBookingSummary *
_calbook_booking_summary_new (const CalbookBookingSummaryFields *fields)
{
  CalbookBookingSummary *self;
  const char *texts[] = {
    fields->uid,
    fields->title,
    fields->api_status,
    fields->client_name,
    fields->client_email,
    fields->client_key,
    fields->host_name,
    fields->host_email,
    fields->host_key,
    fields->event_type_slug,
    fields->location,
  };
  const char **slots[G_N_ELEMENTS (texts)];
  gsize size = 0;
  char *p;

  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (CALBOOK_TYPE_BOOKING_SUMMARY, NULL);
  slots[0] = &self->uid;
  slots[1] = &self->title;
  slots[2] = &self->api_status;
  slots[3] = &self->client_name;
  slots[4] = &self->client_email;
  slots[5] = &self->client_key;
  slots[6] = &self->host_name;
  slots[7] = &self->host_email;
  slots[8] = &self->host_key;
  slots[9] = &self->event_type_slug;
  slots[10] = &self->location;

  /* One allocation for all texts: a window of rows is many small objects */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    size += strlen (texts[i] != NULL ? texts[i] : "") + 1;
  p = self->texts = g_malloc (size);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *text = texts[i] != NULL ? texts[i] : "";
      gsize length = strlen (text) + 1;

      memcpy (p, text, length);
      *slots[i] = p;
      p += length;
    }

  self->start = fields->start;
  self->end = fields->end;
  self->updated_at = fields->updated_at;
  self->created_at = fields->created_at;
  self->event_type_id = fields->event_type_id;
  self->length = (int) CLAMP (fields->length, 0, G_MAXINT);
  self->attendee_count = (guint) CLAMP (fields->attendee_count, 0, G_MAXUINT);
  self->status = CLAMP (fields->status, CALBOOK_BOOKING_STATUS_PENDING,
                        CALBOOK_BOOKING_STATUS_OTHER);
  self->location_kind = CLAMP (fields->location_kind, CALBOOK_BOOKING_LOCATION_NONE,
                               CALBOOK_BOOKING_LOCATION_ADDRESS);
  self->recurring = !!fields->recurring;
  self->no_show = !!fields->no_show;

  return self;
}

const char *
_calbook_booking_summary_get_client_key (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), "");

  return self->client_key;
}

const char *
_calbook_booking_summary_get_host_key (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), "");

  return self->host_key;
}

/* Public API */

const char *
calbook_booking_summary_get_uid (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), "");

  return self->uid;
}

const char *
calbook_booking_summary_get_title (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), "");

  return self->title;
}

gint64
calbook_booking_summary_get_start (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), 0);

  return self->start;
}

gint64
calbook_booking_summary_get_end (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), 0);

  return self->end;
}

CalbookBookingStatus
calbook_booking_summary_get_status (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), CALBOOK_BOOKING_STATUS_OTHER);

  return self->status;
}

const char *
calbook_booking_summary_get_api_status (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), "");

  return self->api_status;
}

const char *
calbook_booking_summary_get_client_name (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), "");

  return self->client_name;
}

const char *
calbook_booking_summary_get_client_email (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), "");

  return self->client_email;
}

const char *
calbook_booking_summary_get_host_name (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), "");

  return self->host_name;
}

const char *
calbook_booking_summary_get_host_email (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), "");

  return self->host_email;
}

gint64
calbook_booking_summary_get_event_type_id (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), 0);

  return self->event_type_id;
}

const char *
calbook_booking_summary_get_event_type_slug (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), "");

  return self->event_type_slug;
}

int
calbook_booking_summary_get_length (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), 0);

  return self->length;
}

const char *
calbook_booking_summary_get_location (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), "");

  return self->location;
}

CalbookBookingLocation
calbook_booking_summary_get_location_kind (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), CALBOOK_BOOKING_LOCATION_NONE);

  return self->location_kind;
}

gint64
calbook_booking_summary_get_created_at (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), 0);

  return self->created_at;
}

gint64
calbook_booking_summary_get_updated_at (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), 0);

  return self->updated_at;
}

guint
calbook_booking_summary_get_attendee_count (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), 0);

  return self->attendee_count;
}

gboolean
calbook_booking_summary_is_recurring (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), FALSE);

  return self->recurring;
}

/**
 * calbook_booking_summary_is_no_show:
 * @self: a summary
 *
 * Returns: whether the host or an attendee was marked as a no-show
 */
gboolean
calbook_booking_summary_is_no_show (CalbookBookingSummary *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (self), FALSE);

  return self->no_show;
}

/**
 * calbook_booking_summary_equal:
 * @a: a summary
 * @b: another summary
 *
 * Returns: %TRUE when a row would show @a and @b alike
 */
gboolean
calbook_booking_summary_equal (CalbookBookingSummary *a,
                               CalbookBookingSummary *b)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (a), FALSE);
  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (b), FALSE);

  if (a->start != b->start || a->end != b->end || a->updated_at != b->updated_at ||
      a->created_at != b->created_at || a->event_type_id != b->event_type_id ||
      a->length != b->length || a->attendee_count != b->attendee_count ||
      a->status != b->status || a->location_kind != b->location_kind ||
      a->recurring != b->recurring || a->no_show != b->no_show)
    return FALSE;

  return g_str_equal (a->uid, b->uid) &&
         g_str_equal (a->title, b->title) &&
         g_str_equal (a->api_status, b->api_status) &&
         g_str_equal (a->client_name, b->client_name) &&
         g_str_equal (a->client_email, b->client_email) &&
         g_str_equal (a->client_key, b->client_key) &&
         g_str_equal (a->host_name, b->host_name) &&
         g_str_equal (a->host_email, b->host_email) &&
         g_str_equal (a->host_key, b->host_key) &&
         g_str_equal (a->event_type_slug, b->event_type_slug) &&
         g_str_equal (a->location, b->location);
}
