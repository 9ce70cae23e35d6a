/* calbook-context.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-context"

#include <glib/gi18n-lib.h>

#include "calbook-change.h"
#include "calbook-context.h"
#include "calbook-error.h"
#include "calbook-notification.h"
#include "calbook-notifier.h"
#include "calbook-outbox.h"
#include "calbook-sync.h"

/* Reminders are checked this often (seconds) */
#define REMINDER_CHECK_INTERVAL 60

/* More bookings than anyone has starting within a reminder window */
#define REMINDER_QUERY_LIMIT 500

struct _CalbookContext
{
  GObject             parent_instance;

  CalbookAccount     *account;
  CalbookApiClient   *client;
  CalbookStore       *store;
  CalbookSync        *sync;
  CalbookOutbox      *outbox;
  CalbookNotifier    *notifier;

  char               *store_path;

  guint               reminder_minutes;
  guint               reminder_id;

  /* The context schedules the passes (the sync has no timer of its own), so
   * it sees how each one ended: a rejected key must stop them */
  guint               interval;
  guint               tick_id;
  gulong              network_changed_id;
  gboolean            needs_key;
  /* Made before the keyring answered (calbook_context_new() without a
   * key), so that the bookings show at once: nothing goes out, and no
   * "needs-key", until calbook_context_set_api_key() */
  gboolean            key_pending;

  /* The replay and the pass never run at the same time: a page read before
   * a change was sent must not land after it, and changes made offline go
   * out before the pass that follows (it then sees their results) */
  GObject            *running;      /* the sync or the outbox, while busy */
  gboolean            running_full; /* the pass running is a full one */
  gboolean            want_replay;
  gboolean            want_pass;
  gboolean            want_full;

  guint               outbox_count;

  /* From whichever of the sync and the outbox reported last */
  gboolean            online;
  char               *last_error;

  /* Where the bookings the sync is about to announce were and are now
   * (its "bookings-changed-in"), for the "bookings-changed" that follows */
  gboolean            sync_span_known;
  gint64              sync_span_from;
  gint64              sync_span_to;
};

G_DEFINE_FINAL_TYPE (CalbookContext, calbook_context, G_TYPE_OBJECT)

/* Not a key: what the client holds until calbook_context_set_api_key() */
#define KEY_PENDING "pending"

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_SYNCING,
  PROP_PROGRESS,
  PROP_ONLINE,
  PROP_LAST_ERROR,
  PROP_OUTBOX_COUNT,
  PROP_NEEDS_KEY,
  N_PROPS
};

enum {
  BOOKINGS_CHANGED_IN,
  BOOKINGS_CHANGED,
  NOTIFY_USER,
  MUTATION_APPLIED,
  MUTATION_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


static void connect_sync (CalbookContext *self);


/*
 * Auxiliary methods
 */

static void
set_needs_key (CalbookContext *self,
               gboolean        needs_key)
{
  g_assert (CALBOOK_IS_CONTEXT (self));

  needs_key = !!needs_key;
  if (self->needs_key == needs_key)
    return;

  self->needs_key = needs_key;

  /* No more requests with a key Cal.com refuses: the next ones would be
   * refused too, and a revoked key being tried over and over looks like an
   * attack on the account */
  if (needs_key)
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      calbook_sync_stop (self->sync);
      calbook_outbox_stop (self->outbox);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_KEY]);
}

static void
note_result (CalbookContext *self,
             const GError   *error)
{
  g_assert (CALBOOK_IS_CONTEXT (self));

  if (g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_UNAUTHORIZED))
    set_needs_key (self, TRUE);
}

static void
update_outbox_count (CalbookContext *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = calbook_store_outbox_list (self->store, &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the outbox: %s", error->message);
      return;
    }

  if (self->outbox_count == entries->len)
    return;

  self->outbox_count = entries->len;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX_COUNT]);
}

static CalbookOutboxEntry *
find_outbox_entry (CalbookContext  *self,
                   gint64           id,
                   GError         **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  entries = calbook_store_outbox_list (self->store, error);
  if (entries == NULL)
    return NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->id == id)
        return calbook_outbox_entry_copy (entry);
    }

  g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_NOT_FOUND,
               _("The change is no longer waiting to be sent"));
  return NULL;
}

/* Copies @body (the caller keeps theirs) and makes sure a create carries its
 * client request id in metadata.calbookRequestId, and a reschedule who
 * moves it: Cal.com takes that only from the body, and a booking that needs
 * confirmation stays confirmed only when its owner moves it. */
static JsonObject *
prepare_body (CalbookContext       *self,
              JsonObject           *body,
              CalbookMutationKind   kind,
              char                **request_id)
{
  JsonObject *copy = NULL;
  JsonObject *metadata = NULL;

  /* json_node_copy() shares the object: a real copy goes through text */
  if (body != NULL)
    {
      g_autoptr(JsonNode) original = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *text = NULL;

      json_node_set_object (original, body);
      text = json_to_string (original, FALSE);
      if (json_parser_load_from_data (parser, text, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        copy = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }

  if (copy == NULL)
    copy = json_object_new ();

  if (kind == CALBOOK_MUTATION_RESCHEDULE && !json_object_has_member (copy, "rescheduledBy") &&
      calbook_account_get_email (self->account) != NULL)
    json_object_set_string_member (copy, "rescheduledBy", calbook_account_get_email (self->account));

  if (kind != CALBOOK_MUTATION_CREATE)
    return copy;

  if (json_object_has_member (copy, "metadata") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (copy, "metadata")))
    metadata = json_object_get_object_member (copy, "metadata");

  if (metadata == NULL)
    {
      metadata = json_object_new ();
      json_object_set_object_member (copy, "metadata", metadata);
    }

  if (*request_id == NULL && json_object_has_member (metadata, CALBOOK_MUTATION_REQUEST_ID_KEY))
    {
      JsonNode *existing = json_object_get_member (metadata, CALBOOK_MUTATION_REQUEST_ID_KEY);

      /* Built with calbook_mutation_build_create_body(): keep its id */
      if (JSON_NODE_HOLDS_VALUE (existing) && json_node_get_value_type (existing) == G_TYPE_STRING)
        *request_id = g_strdup (json_node_get_string (existing));
    }

  if (*request_id == NULL)
    *request_id = g_uuid_string_random ();

  json_object_set_string_member (metadata, CALBOOK_MUTATION_REQUEST_ID_KEY, *request_id);

  return copy;
}

static char *
body_to_string (JsonObject *body)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, body);
  return json_to_string (node, FALSE);
}

static void
emit_notifications (CalbookContext *self,
                    GPtrArray      *notifications)
{
  for (guint i = 0; notifications != NULL && i < notifications->len; i++)
    g_signal_emit (self, signals[NOTIFY_USER], 0, g_ptr_array_index (notifications, i));
}

static void
notify_changes (CalbookContext *self,
                GPtrArray      *changes)
{
  g_autoptr(GPtrArray) notifications = NULL;

  g_assert (CALBOOK_IS_CONTEXT (self));
  g_assert (changes != NULL);

  notifications = calbook_notifier_notify_changes (self->notifier, changes);
  emit_notifications (self, notifications);
}

/* The notifier remembers which bookings it reminded of, so this may run as
 * often as it likes */
static void
check_reminders (CalbookContext *self)
{
  g_autoptr(CalbookBookingFilter) filter = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GPtrArray) notifications = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert (CALBOOK_IS_CONTEXT (self));

  if (self->reminder_minutes == 0)
    return;

  filter = calbook_booking_filter_new ();
  filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED);
  filter->range_start = now;
  filter->range_end = now + (gint64) self->reminder_minutes * 60 + 1;
  filter->sort = CALBOOK_BOOKING_SORT_START_ASC;

  bookings = calbook_store_query_bookings (self->store, filter, 0, REMINDER_QUERY_LIMIT, &error);
  if (bookings == NULL)
    {
      g_warning ("Could not look for bookings to remind of: %s", error->message);
      return;
    }

  notifications = calbook_notifier_collect_reminders (self->notifier, bookings, now,
                                                      self->reminder_minutes);
  emit_notifications (self, notifications);
}

/* Names of colleagues for the notification texts (admins have the members) */
static void
update_members (CalbookContext *self)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;

  members = calbook_store_list_members (self->store, &error);
  if (members == NULL)
    {
      g_warning ("Could not read the organization's members: %s", error->message);
      return;
    }

  if (members->len > 0)
    calbook_notifier_set_members (self->notifier, members);
}


/*
 * Callbacks
 */

static void
on_sync_notify_cb (GObject        *source,
                   GParamSpec     *pspec,
                   CalbookContext *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "syncing"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  else if (g_str_equal (name, "progress"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  else if (g_str_equal (name, "online"))
    {
      g_object_get (source, "online", &self->online, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }
  else if (g_str_equal (name, "last-error"))
    {
      g_free (self->last_error);
      g_object_get (source, "last-error", &self->last_error, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
    }
}

static void
on_sync_changes_cb (CalbookSync    *sync,
                    GPtrArray      *changes,
                    CalbookContext *self)
{
  notify_changes (self, changes);
}

/* "bookings-changed-in" over [@from, @to), then "bookings-changed" */
static void
emit_bookings_changed (CalbookContext *self,
                       gint64          from,
                       gint64          to)
{
  g_signal_emit (self, signals[BOOKINGS_CHANGED_IN], 0, from, to);
  g_signal_emit (self, signals[BOOKINGS_CHANGED], 0);
}

/* Anything may have changed anywhere */
static void
emit_all_changed (CalbookContext *self)
{
  emit_bookings_changed (self, G_MININT64, G_MAXINT64);
}

static void
on_sync_bookings_changed_in_cb (CalbookSync    *sync,
                                gint64          from,
                                gint64          to,
                                CalbookContext *self)
{
  self->sync_span_known = TRUE;
  self->sync_span_from = from;
  self->sync_span_to = to;
}

static void
on_sync_bookings_changed_cb (GObject        *source,
                             CalbookContext *self)
{
  gboolean known = source == G_OBJECT (self->sync) && self->sync_span_known;

  self->sync_span_known = FALSE;
  if (known)
    emit_bookings_changed (self, self->sync_span_from, self->sync_span_to);
  else
    emit_all_changed (self);
}

static void
on_outbox_changed_cb (CalbookOutbox  *outbox,
                      CalbookContext *self)
{
  update_outbox_count (self);
  /* Lists show pending and refused changes next to their bookings */
  emit_all_changed (self);
}

static void
on_sync_finished_cb (CalbookSync    *sync,
                     gboolean        success,
                     CalbookContext *self)
{
  if (success)
    {
      update_members (self);
      check_reminders (self);
    }
}

static void
on_mutation_applied_cb (CalbookOutbox      *outbox,
                        CalbookOutboxEntry *entry,
                        GPtrArray          *bookings,
                        CalbookContext     *self)
{
  g_signal_emit (self, signals[MUTATION_APPLIED], 0, entry, bookings);
}

static void
on_mutation_failed_cb (CalbookOutbox      *outbox,
                       CalbookOutboxEntry *entry,
                       GError             *error,
                       CalbookContext     *self)
{
  g_signal_emit (self, signals[MUTATION_FAILED], 0, entry, error);
}

/* A weak reference for the callbacks: closing the context must not wait for
 * a pass to end (its dispose stops the pass) */
static GWeakRef *
weak_ref_new (CalbookContext *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);

  return ref;
}

static CalbookContext *
weak_ref_steal (GWeakRef *ref)
{
  CalbookContext *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);

  return self;
}

static void run_next (CalbookContext *self);

/* A job of an engine replaced by calbook_context_set_api_key() ends with the
 * old key: its result no longer matters, and it no longer blocks */
static gboolean
end_job (CalbookContext *self,
         GObject        *source)
{
  if (self == NULL || (source != G_OBJECT (self->sync) && source != G_OBJECT (self->outbox)))
    return FALSE;

  if (self->running == source)
    self->running = NULL;

  return TRUE;
}

static void
on_sync_run_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CalbookContext) self = weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;

  if (!end_job (self, object))
    return;

  if (!calbook_sync_run_finish (CALBOOK_SYNC (object), result, &error))
    note_result (self, error);

  run_next (self);
}

static void
on_replay_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CalbookContext) self = weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;

  if (!end_job (self, object))
    return;

  if (!calbook_outbox_replay_finish (CALBOOK_OUTBOX (object), result, &error))
    note_result (self, error);

  run_next (self);
}

/* Starts what is wanted next, one thing at a time: the outbox first */
static void
run_next (CalbookContext *self)
{
  g_assert (CALBOOK_IS_CONTEXT (self));

  /* Kept wanted: done once there is a key Cal.com accepts */
  if (self->running != NULL || self->needs_key || self->key_pending)
    return;

  if (self->want_replay)
    {
      self->want_replay = FALSE;
      self->running = G_OBJECT (self->outbox);
      calbook_outbox_replay_async (self->outbox, on_replay_done_cb, weak_ref_new (self));
    }
  else if (self->want_pass)
    {
      gboolean full = self->want_full;

      self->want_pass = FALSE;
      self->want_full = FALSE;
      self->running = G_OBJECT (self->sync);
      self->running_full = full;
      calbook_sync_run_async (self->sync, full, on_sync_run_done_cb, weak_ref_new (self));
    }
}

static void
replay_outbox (CalbookContext *self)
{
  g_assert (CALBOOK_IS_CONTEXT (self));

  self->want_replay = TRUE;

  /* A change the person just made does not wait for a long pass: the pass
   * stops between two pages and goes on from there after the replay */
  if (self->running != NULL && self->running == G_OBJECT (self->sync))
    {
      self->want_pass = TRUE;
      self->want_full |= self->running_full;
      calbook_sync_cancel (self->sync);
      return;
    }

  run_next (self);
}

static void
run_sync (CalbookContext *self,
          gboolean        full)
{
  g_assert (CALBOOK_IS_CONTEXT (self));

  /* Changes made offline go first, so the pass sees their results */
  self->want_replay = TRUE;
  self->want_pass = TRUE;
  self->want_full |= full;
  run_next (self);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  CalbookContext *self = user_data;

  run_sync (self, FALSE);

  return G_SOURCE_CONTINUE;
}

static void
schedule_ticks (CalbookContext *self)
{
  g_assert (CALBOOK_IS_CONTEXT (self));

  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (self->interval > 0 && !self->needs_key)
    self->tick_id = g_timeout_add_seconds (self->interval, on_tick_cb, self);
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       CalbookContext  *self)
{
  /* Only when running on a schedule: tests drive the sync by hand. The pass
   * replays the outbox first. */
  if (available && self->interval > 0)
    run_sync (self, FALSE);
}

static gboolean
on_reminder_timeout_cb (gpointer user_data)
{
  CalbookContext *self = user_data;

  check_reminders (self);

  return G_SOURCE_CONTINUE;
}


static void
connect_sync (CalbookContext *self)
{
  g_assert (CALBOOK_IS_CONTEXT (self));

  g_signal_connect (self->sync, "notify", G_CALLBACK (on_sync_notify_cb), self);
  g_signal_connect (self->sync, "changes", G_CALLBACK (on_sync_changes_cb), self);
  g_signal_connect (self->sync, "bookings-changed-in", G_CALLBACK (on_sync_bookings_changed_in_cb), self);
  g_signal_connect (self->sync, "bookings-changed", G_CALLBACK (on_sync_bookings_changed_cb), self);
  g_signal_connect (self->sync, "finished", G_CALLBACK (on_sync_finished_cb), self);

  g_signal_connect (self->outbox, "notify", G_CALLBACK (on_sync_notify_cb), self);
  g_signal_connect (self->outbox, "changes", G_CALLBACK (on_sync_changes_cb), self);
  g_signal_connect (self->outbox, "bookings-changed", G_CALLBACK (on_sync_bookings_changed_cb),
                    self);
  g_signal_connect (self->outbox, "outbox-changed", G_CALLBACK (on_outbox_changed_cb), self);
  g_signal_connect (self->outbox, "mutation-applied", G_CALLBACK (on_mutation_applied_cb), self);
  g_signal_connect (self->outbox, "mutation-failed", G_CALLBACK (on_mutation_failed_cb), self);
  g_signal_connect_swapped (self->outbox, "retry-due", G_CALLBACK (replay_outbox), self);

  calbook_sync_set_outbox (self->sync, self->outbox);
}


/*
 * GObject overrides
 */

static void
calbook_context_dispose (GObject *object)
{
  CalbookContext *self = CALBOOK_CONTEXT (object);

  g_clear_handle_id (&self->reminder_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_signal_handler (&self->network_changed_id, g_network_monitor_get_default ());

  if (self->sync != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync, self);
      calbook_sync_stop (self->sync);
    }
  if (self->outbox != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->outbox, self);
      calbook_outbox_stop (self->outbox);
    }
  g_clear_object (&self->sync);
  g_clear_object (&self->outbox);
  g_clear_object (&self->notifier);

  G_OBJECT_CLASS (calbook_context_parent_class)->dispose (object);
}

static void
calbook_context_finalize (GObject *object)
{
  CalbookContext *self = CALBOOK_CONTEXT (object);

  g_clear_object (&self->account);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_pointer (&self->store_path, g_free);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (calbook_context_parent_class)->finalize (object);
}

static void
calbook_context_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CalbookContext *self = CALBOOK_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_SYNCING:
      g_value_set_boolean (value, self->sync ? calbook_sync_get_syncing (self->sync) : FALSE);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->sync ? calbook_sync_get_progress (self->sync) : 0.0);
      break;

    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_OUTBOX_COUNT:
      g_value_set_uint (value, self->outbox_count);
      break;

    case PROP_NEEDS_KEY:
      g_value_set_boolean (value, self->needs_key);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_context_class_init (CalbookContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = calbook_context_dispose;
  object_class->finalize = calbook_context_finalize;
  object_class->get_property = calbook_context_get_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CALBOOK_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OUTBOX_COUNT] =
    g_param_spec_uint ("outbox-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NEEDS_KEY] =
    g_param_spec_boolean ("needs-key", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BOOKINGS_CHANGED_IN] =
    g_signal_new ("bookings-changed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  signals[BOOKINGS_CHANGED] =
    g_signal_new ("bookings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[NOTIFY_USER] =
    g_signal_new ("notify-user", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CALBOOK_TYPE_NOTIFICATION);

  signals[MUTATION_APPLIED] =
    g_signal_new ("mutation-applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  CALBOOK_TYPE_OUTBOX_ENTRY, G_TYPE_PTR_ARRAY);

  signals[MUTATION_FAILED] =
    g_signal_new ("mutation-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  CALBOOK_TYPE_OUTBOX_ENTRY, G_TYPE_ERROR);
}

static void
calbook_context_init (CalbookContext *self)
{
  self->online = TRUE;
}


/*
 * Public API
 */

/**
 * calbook_context_new:
 * @account: the signed-in account
 * @api_key: (nullable): the account's API key; only the API client keeps
 *   it. %NULL while it is still being looked up: the store can be read
 *   already, and syncing and sending wait for calbook_context_set_api_key()
 * @store_path: (nullable): the store file, %NULL for the account's usual one
 * @error: return location for an error
 *
 * Opens the store and sets up the client and the sync; nothing goes to the
 * network until calbook_context_start_sync() or a change is enqueued.
 *
 * Returns: (transfer full) (nullable): a new context
 */
CalbookContext *
calbook_context_new (CalbookAccount  *account,
                     const char      *api_key,
                     const char      *store_path,
                     GError         **error)
{
  g_autoptr(CalbookContext) self = NULL;
  g_autoptr(GError) owner_error = NULL;
  g_autofree char *default_path = NULL;

  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (store_path == NULL)
    store_path = default_path = calbook_account_dup_store_path (account);

  self = g_object_new (CALBOOK_TYPE_CONTEXT, NULL);
  self->account = g_object_ref (account);
  self->key_pending = api_key == NULL;

  /* Without a key, a stand-in that the sync and the outbox never send:
   * run_next() waits for the real one */
  self->client = calbook_api_client_new (calbook_account_get_base_url (account),
                                         api_key != NULL ? api_key : KEY_PENDING, error);
  if (self->client == NULL)
    return NULL;

  self->store = calbook_store_open (store_path, error);
  if (self->store == NULL)
    return NULL;

  /* Whose the "own bookings" index is (cheap when it is already so); without
   * it own views are slower, not wrong, so a store that can't take it still
   * opens (a damaged one is reported by the sync) */
  if (!calbook_store_set_owner (self->store, calbook_account_get_user_id (account),
                                calbook_account_get_email (account), &owner_error))
    g_message ("Could not index the account's own bookings: %s", owner_error->message);

  self->sync = calbook_sync_new (account, self->client, store_path, error);
  if (self->sync == NULL)
    return NULL;

  self->outbox = calbook_outbox_new (account, self->client, store_path, error);
  if (self->outbox == NULL)
    return NULL;

  self->store_path = g_strdup (store_path);
  connect_sync (self);

  self->notifier = calbook_notifier_new (calbook_account_get_user_id (account),
                                         calbook_account_get_email (account),
                                         calbook_account_get_name (account));
  calbook_notifier_set_store (self->notifier, self->store);

  update_outbox_count (self);
  update_members (self);

  return g_steal_pointer (&self);
}

/**
 * calbook_context_get_account:
 * @self: a context
 *
 * Returns: (transfer none): the account
 */
CalbookAccount *
calbook_context_get_account (CalbookContext *self)
{
  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), NULL);

  return self->account;
}

/**
 * calbook_context_get_api_client:
 * @self: a context
 *
 * Returns: (transfer none): the API client (it holds the key)
 */
CalbookApiClient *
calbook_context_get_api_client (CalbookContext *self)
{
  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), NULL);

  return self->client;
}

/**
 * calbook_context_get_store:
 * @self: a context
 *
 * Returns: (transfer none): the UI's store connection (main thread only)
 */
CalbookStore *
calbook_context_get_store (CalbookContext *self)
{
  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), NULL);

  return self->store;
}

/**
 * calbook_context_get_sync:
 * @self: a context
 *
 * Returns: (transfer none): the sync engine, for its progress properties
 */
CalbookSync *
calbook_context_get_sync (CalbookContext *self)
{
  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), NULL);

  return self->sync;
}

/**
 * calbook_context_get_outbox:
 * @self: a context
 *
 * Returns: (transfer none): what sends the outbox, for its "replaying" state
 */
CalbookOutbox *
calbook_context_get_outbox (CalbookContext *self)
{
  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), NULL);

  return self->outbox;
}

/**
 * calbook_context_create_booking_list:
 * @self: a context
 * @filter: (nullable): what to list
 *
 * Returns: (transfer full): a list over the UI's store connection; reload it
 *   on "bookings-changed"
 */
CalbookBookingList *
calbook_context_create_booking_list (CalbookContext             *self,
                                     const CalbookBookingFilter *filter)
{
  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), NULL);

  return calbook_booking_list_new (self->store, filter);
}

/**
 * calbook_context_start_sync:
 * @self: a context
 * @interval: seconds between syncs (0: only on demand)
 *
 * Syncs now and then every @interval seconds; checks reminders every minute.
 */
void
calbook_context_start_sync (CalbookContext *self,
                            guint           interval)
{
  g_return_if_fail (CALBOOK_IS_CONTEXT (self));

  self->interval = interval;
  schedule_ticks (self);
  run_sync (self, FALSE);

  if (self->network_changed_id == 0)
    self->network_changed_id = g_signal_connect (g_network_monitor_get_default (),
                                                 "network-changed",
                                                 G_CALLBACK (on_network_changed_cb), self);

  g_clear_handle_id (&self->reminder_id, g_source_remove);
  self->reminder_id = g_timeout_add_seconds (REMINDER_CHECK_INTERVAL, on_reminder_timeout_cb, self);
}

/**
 * calbook_context_sync_now:
 * @self: a context
 * @full: also reconcile everything (slower; notices deletions)
 *
 * Syncs now; while a sync runs this is folded into one follow-up.
 */
void
calbook_context_sync_now (CalbookContext *self,
                          gboolean        full)
{
  g_return_if_fail (CALBOOK_IS_CONTEXT (self));

  run_sync (self, full);
}

/**
 * calbook_context_set_reminder_minutes:
 * @self: a context
 * @minutes: how long before a booking starts to remind; 0 turns reminders off
 */
void
calbook_context_set_reminder_minutes (CalbookContext *self,
                                      guint           minutes)
{
  g_return_if_fail (CALBOOK_IS_CONTEXT (self));

  self->reminder_minutes = minutes;
  check_reminders (self);
}

/**
 * calbook_context_enqueue:
 * @self: a context
 * @kind: what to do
 * @booking_uid: (nullable): the booking (%NULL for %CALBOOK_MUTATION_CREATE)
 * @body: (nullable): the request body, from the calbook_mutation_build_*_body()
 *   for @kind; not modified
 * @out_id: (out) (optional): the new outbox entry's id, e.g. for an Undo that
 *   discards it with calbook_context_discard_outbox_entry() while it waits
 * @error: return location for an error
 *
 * Writes the change to the outbox before anything is sent, then starts
 * sending. A create gets a client request id in metadata.calbookRequestId.
 *
 * Returns: %TRUE when the change is safely in the outbox
 */
gboolean
calbook_context_enqueue (CalbookContext       *self,
                         CalbookMutationKind   kind,
                         const char           *booking_uid,
                         JsonObject           *body,
                         gint64               *out_id,
                         GError              **error)
{
  g_autoptr(CalbookOutboxEntry) entry = NULL;
  g_autoptr(JsonObject) prepared = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *payload = NULL;
  gboolean has_booking = booking_uid != NULL && *booking_uid != '\0';

  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail ((guint) kind < CALBOOK_MUTATION_N_KINDS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (calbook_mutation_kind_needs_booking (kind) != has_booking)
    {
      g_set_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_VALIDATION,
                   has_booking
                   ? _("A new booking has no booking id yet")
                   : _("The change does not say which booking it is for"));
      return FALSE;
    }

  prepared = prepare_body (self, body, kind, &request_id);
  payload = body_to_string (prepared);
  /* Every change has one, so its attempts can be told apart from others' */
  if (request_id == NULL)
    request_id = g_uuid_string_random ();

  entry = calbook_outbox_entry_new (calbook_mutation_kind_to_string (kind), booking_uid, payload);
  g_free (entry->client_request_id);
  entry->client_request_id = g_strdup (request_id);
  entry->state = CALBOOK_OUTBOX_STATE_QUEUED;
  entry->created_at = g_get_real_time () / G_USEC_PER_SEC;

  if (calbook_store_outbox_add (self->store, entry, error) <= 0)
    return FALSE;

  if (out_id != NULL)
    *out_id = entry->id;

  update_outbox_count (self);
  /* The list shows the pending change right away */
  emit_all_changed (self);

  replay_outbox (self);

  return TRUE;
}

/**
 * calbook_context_list_outbox:
 * @self: a context
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type CalbookOutboxEntry): the changes
 *   not yet on Cal.com, oldest first (queued, being sent, or refused)
 */
GPtrArray *
calbook_context_list_outbox (CalbookContext  *self,
                             GError         **error)
{
  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return calbook_store_outbox_list (self->store, error);
}

/**
 * calbook_context_retry_outbox_entry:
 * @self: a context
 * @id: the entry's id
 * @new_body: (nullable): an edited request body (e.g. another slot), or %NULL
 *   to send the same again
 * @error: return location for an error
 *
 * Queues a refused change again and starts sending.
 *
 * Returns: %TRUE when the entry was queued again
 */
gboolean
calbook_context_retry_outbox_entry (CalbookContext  *self,
                                    gint64           id,
                                    JsonObject      *new_body,
                                    GError         **error)
{
  g_autoptr(CalbookOutboxEntry) entry = NULL;

  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entry = find_outbox_entry (self, id, error);
  if (entry == NULL)
    return FALSE;

  if (entry->state == CALBOOK_OUTBOX_STATE_SENDING && calbook_outbox_get_replaying (self->outbox))
    {
      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_QUERY,
                   _("The change is being sent right now"));
      return FALSE;
    }

  /* Not yet refused: it goes out on the next replay as it is */
  if (entry->state != CALBOOK_OUTBOX_STATE_FAILED && new_body == NULL)
    {
      replay_outbox (self);
      return TRUE;
    }

  if (new_body != NULL)
    {
      g_autoptr(JsonObject) prepared = NULL;
      g_autofree char *request_id = g_strdup (entry->client_request_id);
      CalbookMutationKind kind;

      if (!calbook_mutation_kind_from_string (entry->kind, &kind))
        {
          g_set_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_VALIDATION,
                       _("Unknown kind of change “%s”"), entry->kind);
          return FALSE;
        }

      /* A refused create was not booked, so it keeps its request id */
      prepared = prepare_body (self, new_body, kind, &request_id);
      g_free (entry->payload);
      entry->payload = body_to_string (prepared);
      g_free (entry->client_request_id);
      entry->client_request_id = g_steal_pointer (&request_id);
    }

  entry->state = CALBOOK_OUTBOX_STATE_QUEUED;
  g_clear_pointer (&entry->last_error, g_free);

  if (!calbook_store_outbox_update (self->store, entry, error))
    return FALSE;

  update_outbox_count (self);
  emit_all_changed (self);
  replay_outbox (self);

  return TRUE;
}

/**
 * calbook_context_discard_outbox_entry:
 * @self: a context
 * @id: the entry's id
 * @error: return location for an error
 *
 * Forgets a change that was not sent (or was refused).
 *
 * Returns: %TRUE when the entry is gone
 */
gboolean
calbook_context_discard_outbox_entry (CalbookContext  *self,
                                      gint64           id,
                                      GError         **error)
{
  g_autoptr(CalbookOutboxEntry) entry = NULL;

  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entry = find_outbox_entry (self, id, error);
  if (entry == NULL)
    return FALSE;

  /* In flight right now: the replay decides what became of it */
  if (entry->state == CALBOOK_OUTBOX_STATE_SENDING && calbook_outbox_get_replaying (self->outbox))
    {
      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_QUERY,
                   _("The change is being sent right now"));
      return FALSE;
    }

  if (!calbook_store_outbox_remove (self->store, id, error))
    return FALSE;

  update_outbox_count (self);
  emit_all_changed (self);

  return TRUE;
}

/**
 * calbook_context_get_needs_key:
 * @self: a context
 *
 * Returns: %TRUE when Cal.com rejected the API key (401): syncing and sending
 *   are paused until calbook_context_set_api_key()
 */
gboolean
calbook_context_get_needs_key (CalbookContext *self)
{
  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), FALSE);

  return self->needs_key;
}

/**
 * calbook_context_set_api_key:
 * @self: a context
 * @api_key: the new key of the same Cal.com user (the caller checked it, e.g.
 *   with calbook_account_sign_in_async(), and compared the user id)
 * @error: return location for an error
 *
 * Replaces the key: the API client and the sync engine are made anew with
 * it, over the same store, so every booking and every change waiting in the
 * outbox stays. Clears "needs-key" and resumes syncing and sending (or
 * starts them, for a context made without a key).
 *
 * Returns: %TRUE when the key is in use; on %FALSE nothing changed
 */
gboolean
calbook_context_set_api_key (CalbookContext  *self,
                             const char      *api_key,
                             GError         **error)
{
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(CalbookSync) sync = NULL;
  g_autoptr(CalbookSync) old_sync = NULL;
  g_autoptr(CalbookOutbox) outbox = NULL;
  g_autoptr(CalbookOutbox) old_outbox = NULL;

  g_return_val_if_fail (CALBOOK_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (api_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  client = calbook_api_client_new (calbook_account_get_base_url (self->account), api_key, error);
  if (client == NULL)
    return FALSE;

  sync = calbook_sync_new (self->account, client, self->store_path, error);
  if (sync == NULL)
    return FALSE;

  outbox = calbook_outbox_new (self->account, client, self->store_path, error);
  if (outbox == NULL)
    return FALSE;

  /* What the old engine still has in flight ends with the old key; its
   * results are no longer listened to, and the outbox keeps every entry
   * it did not send */
  old_sync = g_steal_pointer (&self->sync);
  g_signal_handlers_disconnect_by_data (old_sync, self);
  calbook_sync_stop (old_sync);
  old_outbox = g_steal_pointer (&self->outbox);
  g_signal_handlers_disconnect_by_data (old_outbox, self);
  calbook_outbox_stop (old_outbox);

  g_set_object (&self->client, client);
  self->sync = g_steal_pointer (&sync);
  self->outbox = g_steal_pointer (&outbox);
  self->running = NULL;
  connect_sync (self);

  self->needs_key = FALSE;
  self->key_pending = FALSE;
  self->online = TRUE;
  g_clear_pointer (&self->last_error, g_free);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_KEY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  g_object_thaw_notify (G_OBJECT (self));

  schedule_ticks (self);
  run_sync (self, FALSE);

  return TRUE;
}
