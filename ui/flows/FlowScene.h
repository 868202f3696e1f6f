#pragma once

#include "core/common/Result.h"
#include "core/model/Binding.h"

#include <QGraphicsScene>
#include <QList>

#include <optional>

class ActionCardItem;
class FlowDraft;
class FlowService;
class QGraphicsPathItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QMimeData;
class QUndoStack;

/**
 * @brief The flow as a vertical pipeline: Start, one card per binding of the draft, Complete, with
 *        connectors between them, and the undo history of the edits made on it.
 *
 * Mirrors the draft's signals. Drops, keys and drags become requests (insertRequested() and the
 * others), which the scene turns into undoable commands on its own undo stack; so do insertAction(),
 * moveAction() and removeAction(). A draft that is reset (discarded, or reloaded after someone else
 * applied) clears the history, whose steps would no longer be exact.
 */
class FlowScene : public QGraphicsScene
{
    Q_OBJECT

public:
    /// Mime type of an action dragged from the palette: JSON {"kind", "actionId", "name"}.
    static QString actionMimeType();
    /// Mime type of a card dragged within the flow: its index.
    static QString cardMimeType();
    /// Mime data for dragging @p binding from the palette.
    static QMimeData *mimeFor(const Binding &binding);
    static std::optional<Binding> bindingFrom(const QMimeData *mime);

    FlowScene(FlowDraft &draft, FlowService &service, QObject *parent = nullptr);
    ~FlowScene() override;

    /// The history of the edits made on this scene's draft.
    QUndoStack *undoStack() const { return m_undo; }
    /**
     * @brief Puts @p binding at @p index (clamped to the flow) as an undoable step and focuses its card.
     * @return Invalid with the draft's reason when the draft refuses it (nothing changes)
     */
    Result<void> insertAction(int index, const Binding &binding);
    /// Moves card @p from to @p to as an undoable step; false (nothing changes) when out of range.
    bool moveAction(int from, int to);
    /// Removes card @p index as an undoable step; false (nothing changes) when out of range.
    bool removeAction(int index);
    /// Takes every binding of action @p actionId out, for an action that is gone; the undo history,
    /// which could bring it back, is cleared.
    void dropAction(const QString &actionId);

    /// The gap a drop at @p scenePos lands in: 0 (after Start) to count() (before Complete).
    int gapAt(const QPointF &scenePos) const;
    /// Why a drop of @p mime at @p scenePos is refused, or nothing.
    std::optional<QString> refusal(const QMimeData *mime, const QPointF &scenePos) const;
    /// Where card @p index sits (its top centre).
    QPointF cardPosition(int index) const;
    ActionCardItem *card(int index) const { return m_cards.value(index); }
    int cardCount() const { return int(m_cards.size()); }
    /// The index of the card with keyboard focus, or -1.
    int focusedIndex() const;
    /// The index of the selected card (the last one focused, even when the focus moved away), or -1.
    int selectedIndex() const;
    void focusCard(int index);
    /// The whole pipeline's rectangle, for zoom to fit.
    QRectF pipelineRect() const;
    /// Words for a screen reader: the order of the flow.
    QString describe() const;

Q_SIGNALS:
    void insertRequested(int index, const Binding &binding);
    void moveRequested(int from, int to);
    void removeRequested(int index);
    void openRequested(int index);
    /// A drop was refused; @p reason says why.
    void dropRefused(const QString &reason);
    void cardDragStarted(int index);
    /// The pipeline changed (cards added, removed, moved, described again or rebuilt).
    void changed();

protected:
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragLeaveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;
    /// Tab and Shift+Tab walk the cards; past either end the focus leaves the flow.
    bool focusNextPrevChild(bool next) override;

private:
    void rebuild();
    void addCard(int index);
    /// Takes every card out of m_cards, then deletes them: the focus moves as a card goes, and whoever
    /// follows it (focusItemChanged()) must not find the card still listed.
    void deleteCards();
    void layoutPipeline();
    void showIndicator(int gap, bool refused);
    void updateColours();
    qreal gapY(int gap) const;

    FlowDraft &m_draft;
    FlowService &m_service;
    QUndoStack *m_undo;
    QList<ActionCardItem *> m_cards;
    QGraphicsRectItem *m_start;
    QGraphicsRectItem *m_complete;
    QGraphicsSimpleTextItem *m_startLabel;
    QGraphicsSimpleTextItem *m_completeLabel;
    QGraphicsPathItem *m_connectors;
    QGraphicsRectItem *m_indicator;
};
