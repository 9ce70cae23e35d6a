/* calbook-unreadable-item.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-unreadable-item.h"

/* Enough of the text to see what is wrong; a list row is no place for a
 * megabyte of JSON */
#define MAX_TEXT_CHARS 4000

/**
 * CalbookUnreadableItem:
 *
 * One booking Cal.com sent that Calbook could not read, as the
 * "Unreadable Bookings" window lists it: read-only properties for the
 * row template to bind.
 */
struct _CalbookUnreadableItem
{
  GObject  parent_instance;

  char    *title;
  char    *reason;
  char    *seen;
  char    *text;
};

G_DEFINE_FINAL_TYPE (CalbookUnreadableItem, calbook_unreadable_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_REASON,
  PROP_SEEN,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
calbook_unreadable_item_finalize (GObject *object)
{
  CalbookUnreadableItem *self = (CalbookUnreadableItem *)object;

  g_free (self->title);
  g_free (self->reason);
  g_free (self->seen);
  g_free (self->text);

  G_OBJECT_CLASS (calbook_unreadable_item_parent_class)->finalize (object);
}

static void
calbook_unreadable_item_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CalbookUnreadableItem *self = CALBOOK_UNREADABLE_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_SEEN:
      g_value_set_string (value, self->seen);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_unreadable_item_class_init (CalbookUnreadableItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = calbook_unreadable_item_finalize;
  object_class->get_property = calbook_unreadable_item_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEEN] =
    g_param_spec_string ("seen", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
calbook_unreadable_item_init (CalbookUnreadableItem *self)
{
}

/* Network text on one line for a title: control characters would wreck it */
static char *
dup_one_line (const char *text)
{
  char *copy = g_utf8_make_valid (text, -1);

  for (char *p = copy; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';

  return copy;
}

/**
 * calbook_unreadable_item_new:
 * @rejected: a booking the store keeps aside
 *
 * Returns: (transfer full): its row in the window
 */
CalbookUnreadableItem *
calbook_unreadable_item_new (const CalbookRejectedBooking *rejected)
{
  CalbookUnreadableItem *self;
  g_autoptr(GDateTime) seen = NULL;

  g_return_val_if_fail (rejected != NULL, NULL);

  self = g_object_new (CALBOOK_TYPE_UNREADABLE_ITEM, NULL);

  if (rejected->uid != NULL && rejected->uid[0] != '\0')
    {
      g_autofree char *uid = dup_one_line (rejected->uid);

      /* Translators: %s is a booking's id, such as "bk_8f3a…" */
      self->title = g_strdup_printf (_("Booking %s"), uid);
    }
  else
    {
      self->title = g_strdup (_("A booking without an id"));
    }

  self->reason = g_utf8_make_valid (rejected->reason != NULL ? rejected->reason : "", -1);

  seen = g_date_time_new_from_unix_local (rejected->seen_at);
  if (seen != NULL)
    {
      g_autofree char *when = g_date_time_format (seen, "%x %X");

      /* Translators: %s is a date and time */
      self->seen = g_strdup_printf (_("Last sent by Cal.com on %s"), when);
    }
  else
    {
      self->seen = g_strdup ("");
    }

  self->text = g_utf8_make_valid (rejected->json != NULL ? rejected->json : "", -1);
  if (g_utf8_strlen (self->text, -1) > MAX_TEXT_CHARS)
    {
      g_autofree char *start = g_utf8_substring (self->text, 0, MAX_TEXT_CHARS);

      g_free (self->text);
      self->text = g_strconcat (start, "…", NULL);
    }

  return self;
}

const char *
calbook_unreadable_item_get_title (CalbookUnreadableItem *self)
{
  g_return_val_if_fail (CALBOOK_IS_UNREADABLE_ITEM (self), NULL);

  return self->title;
}

const char *
calbook_unreadable_item_get_reason (CalbookUnreadableItem *self)
{
  g_return_val_if_fail (CALBOOK_IS_UNREADABLE_ITEM (self), NULL);

  return self->reason;
}

const char *
calbook_unreadable_item_get_seen (CalbookUnreadableItem *self)
{
  g_return_val_if_fail (CALBOOK_IS_UNREADABLE_ITEM (self), NULL);

  return self->seen;
}

const char *
calbook_unreadable_item_get_text (CalbookUnreadableItem *self)
{
  g_return_val_if_fail (CALBOOK_IS_UNREADABLE_ITEM (self), NULL);

  return self->text;
}
