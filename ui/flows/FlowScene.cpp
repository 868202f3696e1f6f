#include "FlowScene.h"

#include "core/flows/FlowDraft.h"
#include "core/flows/FlowService.h"
#include "ui/flows/ActionCardItem.h"
#include "ui/flows/FlowCommands.h"
#include "ui/shell/Theme.h"

#include <QGraphicsSceneDragDropEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QPainterPath>
#include <QPen>
#include <QUndoStack>

#include <utility>

namespace {

constexpr qreal NodeWidth = 140;
constexpr qreal NodeHeight = 40;
constexpr qreal Gap = 44; ///< vertical space between two nodes, where the connectors run
constexpr qreal ColumnSlack = 80; ///< how far beside the pipeline a drop still counts as on it

} // namespace

QString FlowScene::actionMimeType()
{
    return QStringLiteral("application/x-authdeck-action");
}

QString FlowScene::cardMimeType()
{
    return QStringLiteral("application/x-authdeck-card");
}

QMimeData *FlowScene::mimeFor(const Binding &binding)
{
    const QJsonObject payload {{QStringLiteral("kind"), Binding::kindName(binding.kind)},
                               {QStringLiteral("actionId"), binding.actionId},
                               {QStringLiteral("name"), binding.displayName},
                               {QStringLiteral("version"), binding.version}};
    auto *mime = new QMimeData;
    mime->setData(actionMimeType(), QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return mime;
}

std::optional<Binding> FlowScene::bindingFrom(const QMimeData *mime)
{
    if (!mime || !mime->hasFormat(actionMimeType()))
        return std::nullopt;
    const QJsonObject payload = QJsonDocument::fromJson(mime->data(actionMimeType())).object();
    const QString actionId = payload.value(QStringLiteral("actionId")).toString();
    if (actionId.isEmpty())
        return std::nullopt;
    Binding binding;
    binding.kind = Binding::kindFromName(payload.value(QStringLiteral("kind")).toString());
    binding.actionId = actionId;
    binding.displayName = payload.value(QStringLiteral("name")).toString();
    binding.version = payload.value(QStringLiteral("version")).toInt();
    return binding;
}

FlowScene::FlowScene(FlowDraft &draft, FlowService &service, QObject *parent)
    : QGraphicsScene(parent)
    , m_draft(draft)
    , m_service(service)
    , m_undo(new QUndoStack(this))
    , m_start(addRect(-NodeWidth / 2, 0, NodeWidth, NodeHeight))
    , m_complete(addRect(-NodeWidth / 2, 0, NodeWidth, NodeHeight))
    , m_startLabel(addSimpleText(tr("Start")))
    , m_completeLabel(addSimpleText(tr("Complete")))
    , m_connectors(addPath({}))
    , m_indicator(addRect(-ActionCardItem::Width / 2, -3, ActionCardItem::Width, 6))
{
    m_connectors->setZValue(-1);
    m_indicator->setZValue(10);
    m_indicator->hide();
    connect(&draft, &FlowDraft::inserted, this, [this](int index) {
        addCard(index);
        layoutPipeline();
    });
    connect(&draft, &FlowDraft::removed, this, [this](int index) {
        delete m_cards.takeAt(index);
        layoutPipeline();
    });
    connect(&draft, &FlowDraft::moved, this, [this](int from, int to) {
        m_cards.move(from, to);
        layoutPipeline();
    });
    connect(&draft, &FlowDraft::updated, this, [this](int index) {
        m_cards.at(index)->setAction(m_service.describe(m_draft.triggerId(), m_draft.bindings().at(index)));
        Q_EMIT changed();
    });
    connect(&draft, &FlowDraft::reset, this, [this] {
        m_undo->clear();
        rebuild();
    });
    connect(&draft, &FlowDraft::applied, m_undo, &QUndoStack::setClean);
    connect(this, &FlowScene::insertRequested, this, [this](int index, const Binding &binding) {
        if (const Result<void> inserted = insertAction(index, binding); !inserted)
            Q_EMIT dropRefused(inserted.error().message());
    });
    connect(this, &FlowScene::moveRequested, this, &FlowScene::moveAction);
    connect(this, &FlowScene::removeRequested, this, &FlowScene::removeAction);
    connect(&Theme::instance(), &Theme::changed, this, &FlowScene::updateColours);
    rebuild();
}

FlowScene::~FlowScene()
{
    // Before QGraphicsScene's destructor deletes them, when this scene is no longer a FlowScene.
    deleteCards();
}

void FlowScene::deleteCards()
{
    const QList<ActionCardItem *> cards = std::exchange(m_cards, {});
    qDeleteAll(cards);
}

void FlowScene::rebuild()
{
    deleteCards();
    for (int i = 0; i < m_draft.count(); ++i)
        addCard(i);
    updateColours();
    layoutPipeline();
}

Result<void> FlowScene::insertAction(int index, const Binding &binding)
{
    if (const auto refused = m_draft.checkInsert(binding))
        return Error(Error::Kind::Invalid, *refused);
    const int at = qBound(0, index, m_draft.count());
    m_undo->push(new InsertBindingCommand(m_draft, *m_undo, at, binding));
    focusCard(at);
    return {};
}

bool FlowScene::moveAction(int from, int to)
{
    const int count = m_draft.count();
    if (from < 0 || from >= count || to < 0 || to >= count || from == to)
        return false;
    m_undo->push(new MoveBindingCommand(m_draft, *m_undo, from, to, m_draft.bindings().at(from).displayName));
    focusCard(to);
    return true;
}

bool FlowScene::removeAction(int index)
{
    if (index < 0 || index >= m_draft.count())
        return false;
    m_undo->push(new RemoveBindingCommand(m_draft, *m_undo, index));
    focusCard(qMin(index, m_draft.count() - 1));
    return true;
}

void FlowScene::dropAction(const QString &actionId)
{
    // An action that is gone can no longer be put back by undo, nor stay in the draft.
    m_draft.removeAction(actionId);
    m_undo->clear();
}

void FlowScene::addCard(int index)
{
    const Binding &binding = m_draft.bindings().at(index);
    auto *card = new ActionCardItem(m_service.describe(m_draft.triggerId(), binding), binding.version);
    addItem(card);
    m_cards.insert(index, card);
    connect(card, &ActionCardItem::moveRequested, this, &FlowScene::moveRequested);
    connect(card, &ActionCardItem::removeRequested, this, &FlowScene::removeRequested);
    connect(card, &ActionCardItem::openRequested, this, &FlowScene::openRequested);
    connect(card, &ActionCardItem::dragStarted, this, &FlowScene::cardDragStarted);
}

qreal FlowScene::gapY(int gap) const
{
    // The middle of the space between node gap and node gap+1 (Start is node 0).
    return NodeHeight + Gap / 2 + gap * (ActionCardItem::Height + Gap);
}

QPointF FlowScene::cardPosition(int index) const
{
    return QPointF(0, NodeHeight + Gap + index * (ActionCardItem::Height + Gap));
}

void FlowScene::layoutPipeline()
{
    for (int i = 0; i < m_cards.size(); ++i) {
        m_cards.at(i)->setIndex(i);
        m_cards.at(i)->setPos(cardPosition(i));
    }
    const qreal completeTop = NodeHeight + Gap + m_cards.size() * (ActionCardItem::Height + Gap);
    m_complete->setPos(0, completeTop);
    m_startLabel->setPos(-m_startLabel->boundingRect().width() / 2,
                         (NodeHeight - m_startLabel->boundingRect().height()) / 2);
    m_completeLabel->setPos(-m_completeLabel->boundingRect().width() / 2,
                            completeTop + (NodeHeight - m_completeLabel->boundingRect().height()) / 2);

    // One path for every connector: a line and an arrow head into the next node.
    QPainterPath path;
    qreal top = NodeHeight;
    const int nodes = int(m_cards.size()) + 1;
    for (int i = 0; i < nodes; ++i) {
        const qreal bottom = top + Gap;
        path.moveTo(0, top);
        path.lineTo(0, bottom - 1);
        path.moveTo(-5, bottom - 7);
        path.lineTo(0, bottom - 1);
        path.lineTo(5, bottom - 7);
        top = bottom + ActionCardItem::Height;
    }
    m_connectors->setPath(path);
    setSceneRect(pipelineRect().adjusted(-160, -40, 160, 40));
    Q_EMIT changed();
}

QRectF FlowScene::pipelineRect() const
{
    const qreal bottom = m_complete->pos().y() + NodeHeight;
    return QRectF(-ActionCardItem::Width / 2, 0, ActionCardItem::Width, bottom);
}

void FlowScene::updateColours()
{
    const Theme &theme = Theme::instance();
    for (QGraphicsRectItem *node : {m_start, m_complete}) {
        node->setPen(QPen(theme.color(QStringLiteral("border")), 1));
        node->setBrush(theme.color(QStringLiteral("chip")));
    }
    for (QGraphicsSimpleTextItem *label : {m_startLabel, m_completeLabel})
        label->setBrush(theme.color(QStringLiteral("text")));
    QPen connector(theme.color(QStringLiteral("muted")), 1.5);
    connector.setCapStyle(Qt::RoundCap);
    m_connectors->setPen(connector);
    for (ActionCardItem *card : std::as_const(m_cards))
        card->update();
    setBackgroundBrush(theme.color(QStringLiteral("bg")));
}

int FlowScene::gapAt(const QPointF &scenePos) const
{
    const qreal step = ActionCardItem::Height + Gap;
    const int gap = qRound((scenePos.y() - gapY(0)) / step);
    return qBound(0, gap, int(m_cards.size()));
}

std::optional<QString> FlowScene::refusal(const QMimeData *mime, const QPointF &scenePos) const
{
    if (qAbs(scenePos.x()) > ActionCardItem::Width / 2 + ColumnSlack)
        return tr("Drop the action on the flow, between Start and Complete.");
    if (mime->hasFormat(cardMimeType()))
        return std::nullopt;
    const auto binding = bindingFrom(mime);
    if (!binding)
        return tr("This is not an action.");
    return m_draft.checkInsert(*binding);
}

void FlowScene::showIndicator(int gap, bool refused)
{
    const Theme &theme = Theme::instance();
    const QColor colour = theme.color(refused ? QStringLiteral("danger") : QStringLiteral("accent"));
    m_indicator->setPen(Qt::NoPen);
    m_indicator->setBrush(colour);
    m_indicator->setPos(0, gapY(gap));
    m_indicator->show();
}

void FlowScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (mime->hasFormat(actionMimeType()) || mime->hasFormat(cardMimeType())) {
        event->acceptProposedAction();
        dragMoveEvent(event);
    } else {
        event->ignore();
    }
}

void FlowScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    const auto refused = refusal(event->mimeData(), event->scenePos());
    showIndicator(gapAt(event->scenePos()), refused.has_value());
    // Accepting keeps the drop coming to us, so that a refusal can say why.
    event->setDropAction(refused ? Qt::IgnoreAction : event->proposedAction());
    event->accept();
}

void FlowScene::dragLeaveEvent(QGraphicsSceneDragDropEvent *event)
{
    m_indicator->hide();
    event->accept();
}

void FlowScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    m_indicator->hide();
    const QMimeData *mime = event->mimeData();
    if (const auto refused = refusal(mime, event->scenePos())) {
        Q_EMIT dropRefused(*refused);
        event->setDropAction(Qt::IgnoreAction);
        event->accept();
        return;
    }
    const int gap = gapAt(event->scenePos());
    if (mime->hasFormat(cardMimeType())) {
        const int from = mime->data(cardMimeType()).toInt();
        const int to = gap > from ? gap - 1 : gap;
        if (from >= 0 && from < m_cards.size() && to != from)
            Q_EMIT moveRequested(from, to);
    } else if (const auto binding = bindingFrom(mime)) {
        Q_EMIT insertRequested(gap, *binding);
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

int FlowScene::focusedIndex() const
{
    for (int i = 0; i < m_cards.size(); ++i) {
        if (m_cards.at(i)->hasFocus())
            return i;
    }
    return -1;
}

int FlowScene::selectedIndex() const
{
    for (int i = 0; i < m_cards.size(); ++i) {
        if (m_cards.at(i)->isSelected())
            return i;
    }
    return -1;
}

bool FlowScene::focusNextPrevChild(bool next)
{
    const int current = focusedIndex();
    const int target = current < 0 ? (next ? 0 : int(m_cards.size()) - 1) : current + (next ? 1 : -1);
    if (target < 0 || target >= m_cards.size())
        return false;
    focusCard(target);
    return true;
}

void FlowScene::focusCard(int index)
{
    if (ActionCardItem *target = m_cards.value(index)) {
        clearSelection();
        target->setSelected(true);
        target->setFocus(Qt::OtherFocusReason);
    }
}

QString FlowScene::describe() const
{
    QStringList steps {tr("Start")};
    for (int i = 0; i < m_cards.size(); ++i)
        steps << tr("%1. %2").arg(i + 1).arg(m_cards.at(i)->action().name);
    steps << tr("Complete");
    return steps.join(QStringLiteral(", "));
}
