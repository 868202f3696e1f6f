#include "FlowView.h"

#include "ui/flows/ActionCardItem.h"
#include "ui/flows/FlowScene.h"

#include <QDrag>
#include <QMimeData>
#include <QWheelEvent>

FlowView::FlowView(FlowScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_flow(scene)
{
    setObjectName(QStringLiteral("flowView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setAcceptDrops(true);
    setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    setFrameShape(QFrame::NoFrame);
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    connect(scene, &FlowScene::cardDragStarted, this, &FlowView::startCardDrag);
    connect(scene, &FlowScene::changed, this, &FlowView::updateDescription);
    connect(scene, &QGraphicsScene::focusItemChanged, this, &FlowView::updateDescription);
    updateDescription();
}

void FlowView::zoomToFit()
{
    const QRectF target = m_flow->pipelineRect().adjusted(-40, -20, 40, 20);
    fitInView(target, Qt::KeepAspectRatio);
    if (transform().m11() > 1.0)
        setTransform(QTransform());
    centerOn(target.center().x(), target.top());
}

void FlowView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier))
        return QGraphicsView::wheelEvent(event);
    const qreal factor = event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15;
    const qreal next = transform().m11() * factor;
    if (next > 0.2 && next < 3.0)
        scale(factor, factor);
    event->accept();
}

void FlowView::startCardDrag(int index)
{
    auto *drag = new QDrag(this);
    auto *mime = new QMimeData;
    mime->setData(FlowScene::cardMimeType(), QByteArray::number(index));
    drag->setMimeData(mime);
    if (ActionCardItem *card = m_flow->card(index)) {
        const QRect area = mapFromScene(card->sceneBoundingRect()).boundingRect();
        drag->setPixmap(viewport()->grab(area));
        drag->setHotSpot(QPoint(area.width() / 2, area.height() / 2));
    }
    drag->exec(Qt::MoveAction);
}

void FlowView::updateDescription()
{
    setAccessibleName(tr("Flow"));
    const int focused = m_flow->focusedIndex();
    QString description = m_flow->describe();
    if (focused >= 0)
        description += QLatin1Char(' ')
            + tr("Selected: %1, %2 of %3.")
                  .arg(m_flow->card(focused)->action().name)
                  .arg(focused + 1)
                  .arg(m_flow->cardCount());
    setAccessibleDescription(description);
}
