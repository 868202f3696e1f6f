#pragma once

#include "core/model/Binding.h"
#include "ui/shell/Page.h"

class ActionPalette;
class FlowDraft;
class FlowScene;
class FlowView;
class MessageBar;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QUndoStack;
class Tenant;

/**
 * @brief The flow editor of one trigger: the pipeline over an editing draft, the Add Action panel,
 *        undo and redo, Apply and Discard. Nothing reaches the tenant until Apply.
 *
 * It follows the actions while it is open: an integration installed or uninstalled, a custom action
 * added, deployed, changed or deleted refreshes the palette and the cards of that action; an action
 * that is gone leaves the draft, and the undo history, which could bring it back, is cleared. The undo
 * history is the scene's (FlowScene::undoStack()): one per trigger opened.
 */
class FlowEditorPage : public Page
{
    Q_OBJECT

public:
    FlowEditorPage(Tenant &tenant, QWidget *parent = nullptr);
    ~FlowEditorPage() override;

    /// @p argument: a trigger id, optionally followed by "?add=<action id>" to place that action in the
    /// draft.
    void open(const QString &argument) override;
    bool confirmLeave() override;

    /// The undo history of the trigger that is open, or nullptr before one is.
    QUndoStack *undoStack() const;
    FlowDraft *draft() const { return m_draft; }
    FlowScene *scene() const { return m_scene; }
    FlowView *view() const { return m_view; }
    ActionPalette *palette() const { return m_palette; }

    /// Puts @p binding at @p index as an undoable step, or says why it cannot go there.
    bool insertAction(int index, const Binding &binding);
    bool moveAction(int from, int to);
    bool removeAction(int index);
    bool apply();
    void discard();

Q_SIGNALS:
    /// The undo stack in use changed (a new trigger was opened).
    void undoStackChanged(QUndoStack *stack);

private:
    void load(const QString &triggerId);
    void openAction(int index);
    void updateState();

    Tenant &m_tenant;
    QString m_triggerId;
    FlowDraft *m_draft = nullptr;
    FlowScene *m_scene = nullptr;
    FlowView *m_view = nullptr;
    MessageBar *m_message;
    QLabel *m_title;
    QLabel *m_state;
    QPushButton *m_undo;
    QPushButton *m_redo;
    QPushButton *m_apply;
    QPushButton *m_discard;
    ActionPalette *m_palette;
    QHBoxLayout *m_body;
};
