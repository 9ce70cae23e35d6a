/* calbook-admin-event-titles.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-admin-event-titles.h"
#include "calbook-booking-text.h"
#include "calbook-event-type.h"
#include "calbook-person.h"

/* Titles change rarely: asking again after this long is soon enough */
#define FRESH_SECONDS (10 * 60)

struct _CalbookAdminEventTitles
{
  GObject           parent_instance;

  CalbookApiClient *client;
  GCancellable     *cancellable;
  /* Event type id → title */
  GHashTable       *titles;
  /* Username → when asked (monotonic µs), also while the answer is on its way */
  GHashTable       *asked;
  /* How long titles stay fresh (FRESH_SECONDS, but for tests) */
  gint64            fresh_usec;
};

G_DEFINE_FINAL_TYPE (CalbookAdminEventTitles, calbook_admin_event_titles, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CalbookAdminEventTitles *self;
  char                    *username;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request->username);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Callbacks */

static void
on_event_types_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  CalbookAdminEventTitles *self = request->self;
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  array = calbook_api_client_list_user_event_types_finish (CALBOOK_API_CLIENT (source), result, &error);
  if (array == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Offline or refused: the slugs stay, and the next refresh asks again */
      g_debug ("Could not read a member's event types: %s", error->message);
      g_hash_table_remove (self->asked, request->username);
      return;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CalbookEventType) event_type = NULL;
      g_autofree char *title = NULL;
      gint64 id;

      /* Hidden ones too: their bookings are in the table */
      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (event_type = calbook_event_type_new_from_json (json_node_get_object (node), NULL)) == NULL)
        continue;

      id = calbook_event_type_get_id (event_type);
      title = calbook_booking_text_shorten (calbook_event_type_get_title (event_type));
      if (g_strcmp0 (g_hash_table_lookup (self->titles, &id), title) == 0)
        continue;

      g_hash_table_replace (self->titles, g_memdup2 (&id, sizeof id), g_steal_pointer (&title));
      changed = TRUE;
    }

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* The account signed out: what is on its way is not wanted */
static void
forget_titles (gpointer data)
{
  CalbookAdminEventTitles *self = data;

  g_cancellable_cancel (self->cancellable);
  g_object_unref (self);
}

/* GObject overrides */

static void
calbook_admin_event_titles_finalize (GObject *object)
{
  CalbookAdminEventTitles *self = CALBOOK_ADMIN_EVENT_TITLES (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->asked, g_hash_table_unref);

  G_OBJECT_CLASS (calbook_admin_event_titles_parent_class)->finalize (object);
}

static void
calbook_admin_event_titles_class_init (CalbookAdminEventTitlesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = calbook_admin_event_titles_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
calbook_admin_event_titles_init (CalbookAdminEventTitles *self)
{
  self->cancellable = g_cancellable_new ();
  self->titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->fresh_usec = FRESH_SECONDS * G_USEC_PER_SEC;
}

/* Public API */

/**
 * calbook_admin_event_titles_get_for_context:
 *
 * Returns: (transfer none): the titles of @context's account, made on first use
 */
CalbookAdminEventTitles *
calbook_admin_event_titles_get_for_context (CalbookContext *context)
{
  static GQuark quark;
  CalbookAdminEventTitles *self;

  g_return_val_if_fail (CALBOOK_IS_CONTEXT (context), NULL);

  if (quark == 0)
    quark = g_quark_from_static_string ("calbook-admin-event-titles");

  /* Kept with the context: one per signed-in account, gone at sign-out */
  self = g_object_get_qdata (G_OBJECT (context), quark);
  if (self == NULL)
    {
      self = g_object_new (CALBOOK_TYPE_ADMIN_EVENT_TITLES, NULL);
      self->client = g_object_ref (calbook_context_get_api_client (context));
      g_object_set_qdata_full (G_OBJECT (context), quark, self, forget_titles);
    }

  return self;
}

void
calbook_admin_event_titles_refresh (CalbookAdminEventTitles *self,
                                    GPtrArray               *people)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (CALBOOK_IS_ADMIN_EVENT_TITLES (self));

  for (guint i = 0; i < people->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (people, i);
      gint64 *asked;
      Request *request;

      if (person->username == NULL || person->username[0] == '\0')
        continue;

      asked = g_hash_table_lookup (self->asked, person->username);
      if (asked != NULL && now - *asked < self->fresh_usec)
        continue;

      g_hash_table_replace (self->asked, g_strdup (person->username), g_memdup2 (&now, sizeof now));
      request = g_new0 (Request, 1);
      request->self = g_object_ref (self);
      request->username = g_strdup (person->username);
      calbook_api_client_list_user_event_types_async (self->client, person->username, self->cancellable,
                                                      on_event_types_cb, request);
    }
}

/**
 * calbook_admin_event_titles_lookup:
 *
 * Returns: (nullable): the title of event type @event_type_id, if known yet
 */
const char *
calbook_admin_event_titles_lookup (CalbookAdminEventTitles *self,
                                   gint64                   event_type_id)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_EVENT_TITLES (self), NULL);

  return g_hash_table_lookup (self->titles, &event_type_id);
}

void
_calbook_admin_event_titles_set_fresh_seconds (CalbookAdminEventTitles *self,
                                               guint                    seconds)
{
  g_return_if_fail (CALBOOK_IS_ADMIN_EVENT_TITLES (self));

  self->fresh_usec = (gint64) seconds * G_USEC_PER_SEC;
}
