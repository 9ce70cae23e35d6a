/* calbook-event-type.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-error.h"
#include "calbook-event-type.h"
#include "calbook-json.h"

/*
 * What booking on behalf of a client needs to know of an event type: its
 * lengths, its places and whether it recurs. Read leniently: a member
 * Cal.com leaves out or sends in another shape is taken as absent.
 */

struct _CalbookEventType
{
  GObject    parent_instance;

  gint64     id;
  char      *title;
  char      *slug;
  char      *description;
  guint      length;
  GArray    *length_options;
  guint      recurrence_count;
  gboolean   hidden;
  GPtrArray *locations;
};

G_DEFINE_FINAL_TYPE (CalbookEventType, calbook_event_type, G_TYPE_OBJECT)

static void
event_location_free (CalbookEventLocation *location)
{
  g_free (location->value);
  g_free (location);
}

/* The member of an event type's location that holds its value */
static const char *
value_member (CalbookLocationKind kind)
{
  switch (kind)
    {
    case CALBOOK_LOCATION_ADDRESS:
      return "address";
    case CALBOOK_LOCATION_PHONE:
      return "phone";
    case CALBOOK_LOCATION_LINK:
      return "link";
    case CALBOOK_LOCATION_INTEGRATION:
      return "integration";
    case CALBOOK_LOCATION_ATTENDEE_ADDRESS:
    case CALBOOK_LOCATION_ATTENDEE_PHONE:
    case CALBOOK_LOCATION_ATTENDEE_DEFINED:
    case CALBOOK_LOCATION_ORGANIZERS_DEFAULT_APP:
    default:
      return NULL;
    }
}

static void
read_locations (CalbookEventType *self,
                JsonArray        *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      CalbookEventLocation *location;
      CalbookLocationKind kind;
      JsonObject *object;
      const char *member;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);

      /* Kinds a booking input can't name are of no use here */
      if (!calbook_location_kind_from_string (calbook_json_get_string (object, "type"), &kind))
        continue;

      location = g_new0 (CalbookEventLocation, 1);
      location->kind = kind;
      member = value_member (kind);
      if (member != NULL)
        location->value = calbook_json_dup_string (object, member);
      g_ptr_array_add (self->locations, location);
    }
}

static void
calbook_event_type_finalize (GObject *object)
{
  CalbookEventType *self = (CalbookEventType *)object;

  g_free (self->title);
  g_free (self->slug);
  g_free (self->description);
  g_clear_pointer (&self->length_options, g_array_unref);
  g_clear_pointer (&self->locations, g_ptr_array_unref);

  G_OBJECT_CLASS (calbook_event_type_parent_class)->finalize (object);
}

static void
calbook_event_type_class_init (CalbookEventTypeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = calbook_event_type_finalize;
}

static void
calbook_event_type_init (CalbookEventType *self)
{
  self->length_options = g_array_new (FALSE, FALSE, sizeof (guint));
  self->locations = g_ptr_array_new_with_free_func ((GDestroyNotify) event_location_free);
}

/**
 * calbook_event_type_new_from_json:
 * @object: an EventTypeOutput_2024_06_14
 * @error: where to say what is missing
 *
 * Returns: (transfer full) (nullable): the event type
 */
CalbookEventType *
calbook_event_type_new_from_json (JsonObject  *object,
                                  GError     **error)
{
  g_autoptr(CalbookEventType) self = NULL;
  JsonArray *options;
  JsonObject *recurrence;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CALBOOK_TYPE_EVENT_TYPE, NULL);

  if (!calbook_json_get_id (object, "id", &self->id) ||
      !calbook_json_has_value (object, "title") ||
      !calbook_json_get_uint (object, "lengthInMinutes", &self->length) ||
      self->length == 0)
    {
      g_set_error_literal (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE,
                           "An event type from Cal.com has no id, title or length");
      return NULL;
    }

  self->title = calbook_json_dup_string (object, "title");
  self->slug = calbook_json_dup_string (object, "slug");
  self->description = calbook_json_dup_string (object, "description");
  calbook_json_get_boolean (object, "hidden", &self->hidden);

  options = calbook_json_get_array (object, "lengthInMinutesOptions");
  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonNode *node = json_array_get_element (options, i);
      gint64 minutes;

      if (calbook_json_node_get_id (node, &minutes) && minutes > 0 && minutes <= 24 * 60)
        {
          guint value = (guint) minutes;
          g_array_append_val (self->length_options, value);
        }
    }

  recurrence = calbook_json_get_object (object, "recurrence");
  calbook_json_get_uint (recurrence, "occurrences", &self->recurrence_count);

  read_locations (self, calbook_json_get_array (object, "locations"));

  return g_steal_pointer (&self);
}

GPtrArray *
calbook_event_type_list_from_json (JsonArray *array)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GError) error = NULL;
      CalbookEventType *event_type;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      event_type = calbook_event_type_new_from_json (json_node_get_object (node), &error);
      if (event_type == NULL)
        {
          g_debug ("Skipping an event type: %s", error->message);
          continue;
        }

      if (event_type->hidden)
        {
          g_object_unref (event_type);
          continue;
        }

      g_ptr_array_add (list, event_type);
    }

  return list;
}

gint64
calbook_event_type_get_id (CalbookEventType *self)
{
  g_return_val_if_fail (CALBOOK_IS_EVENT_TYPE (self), 0);
  return self->id;
}

const char *
calbook_event_type_get_title (CalbookEventType *self)
{
  g_return_val_if_fail (CALBOOK_IS_EVENT_TYPE (self), NULL);
  return self->title;
}

const char *
calbook_event_type_get_slug (CalbookEventType *self)
{
  g_return_val_if_fail (CALBOOK_IS_EVENT_TYPE (self), NULL);
  return self->slug;
}

const char *
calbook_event_type_get_description (CalbookEventType *self)
{
  g_return_val_if_fail (CALBOOK_IS_EVENT_TYPE (self), NULL);
  return self->description;
}

guint
calbook_event_type_get_length (CalbookEventType *self)
{
  g_return_val_if_fail (CALBOOK_IS_EVENT_TYPE (self), 0);
  return self->length;
}

GArray *
calbook_event_type_get_length_options (CalbookEventType *self)
{
  g_return_val_if_fail (CALBOOK_IS_EVENT_TYPE (self), NULL);
  return self->length_options;
}

guint
calbook_event_type_get_recurrence_count (CalbookEventType *self)
{
  g_return_val_if_fail (CALBOOK_IS_EVENT_TYPE (self), 0);
  return self->recurrence_count;
}

gboolean
calbook_event_type_get_hidden (CalbookEventType *self)
{
  g_return_val_if_fail (CALBOOK_IS_EVENT_TYPE (self), FALSE);
  return self->hidden;
}

GPtrArray *
calbook_event_type_get_locations (CalbookEventType *self)
{
  g_return_val_if_fail (CALBOOK_IS_EVENT_TYPE (self), NULL);
  return self->locations;
}
