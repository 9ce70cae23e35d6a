/* gui-test-util.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "calbook-application.h"

G_BEGIN_DECLS

gboolean gui_test_prepare     (int         *argc,
                               char      ***argv,
                               const char  *home_template,
                               char       **own_home);
void     gui_test_remove_tree (const char  *path);

typedef gboolean (*GuiTestPredicate) (gpointer data);

void     gui_test_collect_widgets (gpointer    widget,
                                   GType       type,
                                   GPtrArray  *found);

void     gui_test_wait_until  (GuiTestPredicate  predicate,
                               gpointer          data,
                               guint             seconds,
                               const char       *what);
gboolean gui_test_is_true     (gpointer          data);
/* Predicates over a GtkWidget, for gui_test_wait_until() */
gboolean gui_test_is_mapped   (gpointer          widget);
gboolean gui_test_is_unmapped (gpointer          widget);
/* Whether @application's account has finished syncing and stored bookings */
gboolean gui_test_is_synced   (gpointer          application);
gpointer gui_test_get_window  (gpointer          application);

void     gui_test_take_window_shot (gpointer     window,
                                    const char  *name);

/* Runs the main loop for @ms (to let a change be drawn, never to wait for
 * a result: use gui_test_wait_until) */
void     gui_test_iterate_for      (guint        ms);
/* (transfer none) (nullable): the visible toplevel of @type */
gpointer gui_test_find_toplevel    (GType        type);
/* (transfer none) (nullable): the tooltip GTK shows now in @window */
GtkWidget *gui_test_find_tooltip   (gpointer     window);
/* (transfer full): the drawable label texts under @widget, one a line */
char    *gui_test_visible_text     (gpointer     widget);

/* A test hook of the sandbox at @base_url (e.g. "PATCH", "/_sandbox/settings");
 * asserts a 200 and returns (transfer full) the answer's JSON */
JsonNode *gui_test_call_sandbox    (const char  *base_url,
                                    const char  *method,
                                    const char  *path,
                                    const char  *body);

/* TRUE when the notification daemon (dunst) answers on the session bus */
gboolean gui_test_have_dunst       (void);
/* (transfer full) (nullable): the notifications dunst has shown since the
 * test's demo started whose summary or body contains @about, as
 * "summary: body" lines, oldest first ("" for none); NULL without dunst.
 * @about is text only the test put on the server (a made-up client's name):
 * dunst's history is shared by the whole run, and the demo's own
 * notifications, such as reminders, come at real times of day, so a test
 * judges only those it caused. */
char    *gui_test_dunst_texts      (const char *about);

/* (transfer full): the first of the signed-in user's own confirmed single
 * bookings with a client that start in more than an hour, other than
 * @not_uid (nullable); fails the test when there is none */
CalbookBooking *gui_test_find_own_upcoming (CalbookContext *context,
                                            const char     *not_uid);

/* The real pointer (xdotool): moved to the middle of @widget, or a click there */
void     gui_test_pointer_to       (gpointer     widget);
void     gui_test_click            (gpointer     widget);
/* A key on the real keyboard (xdotool), e.g. "Escape" */
void     gui_test_key              (const char  *keysym);

typedef void (*GuiTestDemoScenario) (CalbookApplication *application);

/* Runs `calbook --demo` in a test subprocess, calls @scenario with the
 * CalbookApplication once the first sync stored bookings, then quits */
void     gui_test_run_demo         (GuiTestDemoScenario scenario);

G_END_DECLS
