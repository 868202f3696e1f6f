#pragma once

#include <QStyledItemDelegate>

class QAbstractItemView;

/**
 * @brief Draws a Try window timeline entry as a row of three columns: the time, the step as a small
 *        tinted label, and the text, which wraps inside its own column.
 *
 * The entry is read from the item's TimeRole, StepRole and TextRole; its display text is what a screen
 * reader says. Rows take the height their wrapped text needs at the view's current width.
 */
class TimelineDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum Role
    {
        TimeRole = Qt::UserRole + 1,
        StepRole,
        TextRole,
    };

    explicit TimelineDelegate(QAbstractItemView *view);

    void
    paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// The label shown for a timeline step ("sms" is "SMS", "failed" is "Failed").
    static QString stepLabel(const QString &step);

private:
    struct Columns
    {
        int time;
        int step;
        int text; ///< where the text column starts
        int textWidth;
    };
    Columns columns(const QFont &font, int width) const;

    QAbstractItemView *m_view;
};
