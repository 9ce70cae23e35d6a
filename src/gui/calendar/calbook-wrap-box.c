/* calbook-wrap-box.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-wrap-box.h"

/*
 * Children in one row, left to right at their natural width, going on to a
 * new row only when the row is full: the status views stay one line in a
 * normal window and wrap, left-packed, at 360 px. (GtkFlowBox lines its
 * children up in columns; GTK 4.8 has no wrapping box.) Children come from
 * <child> in a template.
 */

#define SPACING     6
#define ROW_SPACING 6

struct _CalbookWrapBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (CalbookWrapBox, calbook_wrap_box, GTK_TYPE_WIDGET)

/* Auxiliary methods */

/* Lays the children out in @width; allocates them when @allocate. Returns the height used. */
static int
layout (CalbookWrapBox *self,
        int             width,
        gboolean        allocate)
{
  int x = 0;
  int y = 0;
  int row_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_width;
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_width, NULL, NULL);
      child_width = MIN (child_width, MAX (width, 1));
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);

      /* Full: the next row */
      if (x > 0 && x + child_width > width)
        {
          x = 0;
          y += row_height + ROW_SPACING;
          row_height = 0;
        }

      if (allocate)
        gtk_widget_size_allocate (child,
                                  &(GtkAllocation) { x, y, child_width, child_height },
                                  -1);

      x += child_width + SPACING;
      row_height = MAX (row_height, child_height);
    }

  return y + row_height;
}

/* GtkWidget overrides */

static GtkSizeRequestMode
calbook_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
calbook_wrap_box_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  CalbookWrapBox *self = CALBOOK_WRAP_BOX (widget);

  *minimum = 0;
  *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      guint n = 0;

      /* At least the widest child; at best all of them in one row */
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min;
          int child_nat;

          if (!gtk_widget_should_layout (child))
            continue;

          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural += child_nat + (n++ > 0 ? SPACING : 0);
        }
      return;
    }

  if (for_size < 0)
    {
      int one_row = 0;
      int ignored;

      calbook_wrap_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &ignored, &one_row, NULL, NULL);
      for_size = one_row;
    }

  *minimum = *natural = layout (self, for_size, FALSE);
}

static void
calbook_wrap_box_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  layout (CALBOOK_WRAP_BOX (widget), width, TRUE);
}

/* GObject overrides */

static void
calbook_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (calbook_wrap_box_parent_class)->dispose (object);
}

static void
calbook_wrap_box_class_init (CalbookWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_wrap_box_dispose;

  widget_class->get_request_mode = calbook_wrap_box_get_request_mode;
  widget_class->measure = calbook_wrap_box_measure;
  widget_class->size_allocate = calbook_wrap_box_size_allocate;
}

static void
calbook_wrap_box_init (CalbookWrapBox *self)
{
}
