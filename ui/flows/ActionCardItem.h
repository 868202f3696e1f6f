#pragma once

#include "core/flows/ActionRef.h"

#include <QGraphicsObject>

/**
 * @brief One bound action in the flow: a card with its name, kind and version, and a mark when its
 *        configuration is incomplete or it is no longer available. Focusable, so the flow can be edited
 *        with the keyboard.
 */
class ActionCardItem : public QGraphicsObject
{
    Q_OBJECT

public:
    enum
    {
        Type = UserType + 1
    };
    static constexpr qreal Width = 300;
    static constexpr qreal Height = 68;

    ActionCardItem(const ActionRef &action, int version, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const ActionRef &action() const { return m_action; }
    /// Shows @p action from now on (its action changed); the card stays where it is, with its focus.
    void setAction(const ActionRef &action);
    /// Position in the flow, from 0; kept up to date by the scene.
    int index() const { return m_index; }
    void setIndex(int index) { m_index = index; }

Q_SIGNALS:
    void moveRequested(int from, int to);
    void removeRequested(int index);
    void openRequested(int index);
    /// The user started dragging this card with the mouse.
    void dragStarted(int index);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void updateToolTip();

    ActionRef m_action;
    int m_version;
    int m_index = 0;
    bool m_hovered = false;
    QPointF m_pressedAt;
};
