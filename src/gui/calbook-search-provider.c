/* calbook-search-provider.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-booking-filter.h"
#include "calbook-format.h"
#include "calbook-search-provider.h"

/*
 * GNOME Shell's search provider (org.gnome.Shell.SearchProvider2): typing
 * a client's name in the Activities overview finds the person's own
 * bookings. It reads only the local store — a search must answer while the
 * person types, offline too — and activating a result asks the application
 * to show that booking (app.show-booking), which also works while the
 * account is still being opened. "Show all results" runs app.search, the
 * window's own search with the same words.
 */

#define MAX_RESULTS 10

struct _CalbookSearchProvider
{
  GObject                 parent_instance;

  GApplication           *application;
  CalbookSearchStoreFunc  store_func;
  gpointer                store_data;

  GDBusConnection        *connection;
  guint                   registration_id;
};

G_DEFINE_FINAL_TYPE (CalbookSearchProvider, calbook_search_provider, G_TYPE_OBJECT)

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* Auxiliary methods */

static void
append_query (GPtrArray                  *results,
              CalbookStore               *store,
              const CalbookBookingFilter *filter,
              GError                    **error)
{
  g_autoptr(GPtrArray) bookings = NULL;

  if (results->len >= MAX_RESULTS)
    return;

  bookings = calbook_store_query_bookings (store, filter, 0, MAX_RESULTS - results->len, error);
  if (bookings == NULL)
    return;

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);
      gboolean seen = FALSE;

      /* A meeting under way is both coming and past: list it once */
      for (guint j = 0; j < results->len && !seen; j++)
        seen = g_strcmp0 (calbook_booking_get_uid (g_ptr_array_index (results, j)),
                          calbook_booking_get_uid (booking)) == 0;

      if (!seen)
        g_ptr_array_add (results, g_object_ref (booking));
    }
}

static GVariant *
build_meta (CalbookBooking *booking)
{
  GVariantBuilder builder;
  g_autofree char *when = NULL;
  g_autofree char *people = NULL;
  g_autofree char *event_type = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  when = calbook_format_time_range (calbook_booking_get_start (booking),
                                    calbook_booking_get_end (booking));
  people = calbook_format_people (calbook_booking_get_attendees (booking));
  event_type = calbook_format_event_type (booking);

  /* Led by the client, as the window's rows are: Cal.com's own title
   * ("<event type> between <host> and <client>") is too long for the
   * Shell's results and names the user */
  if (people != NULL && *people != '\0')
    {
      name = g_steal_pointer (&people);
      /* Translators: a search result's second line, e.g. "Check-up · Tue 3 Dec 10:00–10:30" */
      description = g_strdup_printf (_("%s · %s"), event_type, when);
    }
  else
    {
      name = g_steal_pointer (&event_type);
      description = g_steal_pointer (&when);
    }

  /* The Shell shows these as plain text */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&builder, "{sv}", "id",
                         g_variant_new_string (calbook_booking_get_uid (booking)));
  g_variant_builder_add (&builder, "{sv}", "name", g_variant_new_string (name));
  g_variant_builder_add (&builder, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&builder, "{sv}", "gicon", g_variant_new_string (APPLICATION_ID));

  return g_variant_builder_end (&builder);
}

static GVariant *
lookup_metas (CalbookSearchProvider  *self,
              const char            **uids)
{
  g_autoptr(CalbookStore) store = NULL;
  GVariantBuilder builder;
  gint64 user_id = 0;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));

  store = self->store_func (self->store_data, &user_id, NULL, NULL);

  for (guint i = 0; store != NULL && uids[i] != NULL; i++)
    {
      g_autoptr(CalbookBooking) booking = calbook_store_get_booking (store, uids[i], NULL);

      /* Gone since the search: the Shell drops results without metas */
      if (booking != NULL)
        g_variant_builder_add_value (&builder, build_meta (booking));
    }

  return g_variant_builder_end (&builder);
}

static GVariant *
uids_to_variant (GPtrArray *bookings)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < bookings->len; i++)
    g_variant_builder_add (&builder, "s",
                           calbook_booking_get_uid (g_ptr_array_index (bookings, i)));

  return g_variant_builder_end (&builder);
}

static void
return_results (CalbookSearchProvider *self,
                GDBusMethodInvocation *invocation,
                const char * const    *terms)
{
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;

  bookings = calbook_search_provider_find (self, terms, &error);
  if (bookings == NULL)
    {
      /* A search that fails shows nothing: the overview is no place for errors */
      g_debug ("Search failed: %s", error->message);
      bookings = g_ptr_array_new ();
    }

  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new_tuple ((GVariant *[]) {
                                           uids_to_variant (bookings) }, 1));
}

/* Callbacks */

static void
on_method_call_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  CalbookSearchProvider *self = user_data;

  /* Keeps a D-Bus-activated instance alive while it answers */
  g_application_hold (self->application);

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_autofree const char **terms = NULL;

      g_variant_get (parameters, "(^a&s)", &terms);
      return_results (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_autofree const char **previous = NULL;
      g_autofree const char **terms = NULL;

      /* The store answers a new query as fast as it filters the old one */
      g_variant_get (parameters, "(^a&s^a&s)", &previous, &terms);
      return_results (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_autofree const char **uids = NULL;

      g_variant_get (parameters, "(^a&s)", &uids);
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new_tuple ((GVariant *[]) {
                                               lookup_metas (self, uids) }, 1));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      const char *uid = NULL;

      g_variant_get (parameters, "(&sasu)", &uid, NULL, NULL);
      g_action_group_activate_action (G_ACTION_GROUP (self->application), "show-booking",
                                      g_variant_new_string (uid));
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_autofree const char **terms = NULL;
      g_autofree char *text = NULL;

      g_variant_get (parameters, "(^a&su)", &terms, NULL);
      text = g_strjoinv (" ", (char **) terms);
      g_action_group_activate_action (G_ACTION_GROUP (self->application), "search",
                                      g_variant_new_string (text));
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_UNKNOWN_METHOD,
                                             "Unknown method %s", method_name);
    }

  g_application_release (self->application);
}

static const GDBusInterfaceVTable interface_vtable = {
  on_method_call_cb,
  NULL,
  NULL,
  { 0 }
};

/* GObject overrides */

static void
calbook_search_provider_dispose (GObject *object)
{
  CalbookSearchProvider *self = (CalbookSearchProvider *)object;

  calbook_search_provider_unexport (self);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (calbook_search_provider_parent_class)->dispose (object);
}

static void
calbook_search_provider_class_init (CalbookSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = calbook_search_provider_dispose;
}

static void
calbook_search_provider_init (CalbookSearchProvider *self)
{
}

/* Public API */

/**
 * calbook_search_provider_new:
 * @application: the application whose app.show-booking opens a result
 * @store_func: gives the store to search (called for each request)
 * @user_data: for @store_func
 *
 * Returns: (transfer full): a new provider, not yet on the bus
 */
CalbookSearchProvider *
calbook_search_provider_new (GApplication           *application,
                             CalbookSearchStoreFunc  store_func,
                             gpointer                user_data)
{
  CalbookSearchProvider *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store_func != NULL, NULL);

  self = g_object_new (CALBOOK_TYPE_SEARCH_PROVIDER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store_func = store_func;
  self->store_data = user_data;

  return self;
}

gboolean
calbook_search_provider_export (CalbookSearchProvider  *self,
                                GDBusConnection        *connection,
                                const char             *object_path,
                                GError                **error)
{
  g_autoptr(GDBusNodeInfo) node = NULL;

  g_return_val_if_fail (CALBOOK_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  node = g_dbus_node_info_new_for_xml (introspection_xml, error);
  if (node == NULL)
    return FALSE;

  self->registration_id = g_dbus_connection_register_object (connection, object_path,
                                                             node->interfaces[0],
                                                             &interface_vtable,
                                                             self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;

  self->connection = g_object_ref (connection);

  return TRUE;
}

void
calbook_search_provider_unexport (CalbookSearchProvider *self)
{
  g_return_if_fail (CALBOOK_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);

  self->registration_id = 0;
  g_clear_object (&self->connection);
}

/**
 * calbook_search_provider_find:
 * @self: a #CalbookSearchProvider
 * @terms: the words typed, each of which must match
 * @error: return location for an error
 *
 * The person's own bookings that are not cancelled and whose title, people
 * or notes match every term: coming ones first (soonest first), then past
 * ones (latest first), at most ten.
 *
 * Returns: (transfer container) (element-type CalbookBooking): the matches,
 *   empty when nobody is signed in
 */
GPtrArray *
calbook_search_provider_find (CalbookSearchProvider  *self,
                              const char * const     *terms,
                              GError                **error)
{
  g_autoptr(CalbookBookingFilter) filter = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *text = NULL;
  g_autofree char *user_email = NULL;
  GError *local_error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 user_id = 0;

  g_return_val_if_fail (CALBOOK_IS_SEARCH_PROVIDER (self), NULL);

  results = g_ptr_array_new_with_free_func (g_object_unref);

  text = terms != NULL ? g_strjoinv (" ", (char **) terms) : NULL;
  if (text == NULL || *g_strstrip (text) == '\0')
    return g_steal_pointer (&results);

  store = self->store_func (self->store_data, &user_id, &user_email, &local_error);
  if (store == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }

      return g_steal_pointer (&results);
    }

  filter = calbook_booking_filter_new ();
  calbook_booking_filter_set_text (filter, text);
  filter->user_id = user_id;
  calbook_booking_filter_set_user_email (filter, user_email);
  filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING) |
                        CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED) |
                        CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_OTHER);

  filter->range_start = now;
  filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
  append_query (results, store, filter, &local_error);

  if (local_error == NULL)
    {
      filter->range_start = G_MININT64;
      filter->range_end = now;
      filter->sort = CALBOOK_BOOKING_SORT_START_DESC;
      append_query (results, store, filter, &local_error);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&results);
}
