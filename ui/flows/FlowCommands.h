#pragma once

#include "core/model/Binding.h"

#include <QUndoCommand>

class FlowDraft;
class QUndoStack;

/**
 * @brief One step of the flow editor's undo history: one FlowDraft operation and its exact inverse.
 *
 * A step the draft refuses (the action is gone, or the draft changed outside the history) changes
 * nothing and is marked obsolete, so that its stack drops it instead of keeping a step that does nothing.
 */
class FlowCommand : public QUndoCommand
{
public:
    ~FlowCommand() override;

protected:
    /// A step on @p draft, to be pushed onto @p stack (which announces what it can undo and redo).
    FlowCommand(FlowDraft &draft, QUndoStack &stack);
    /// Marks this step obsolete, after the draft refused it.
    void refuse() { setObsolete(true); }

    FlowDraft &m_draft;

private:
    QUndoStack &m_stack;
};

/// Puts an action into the draft at an index; undo takes it out again.
class InsertBindingCommand : public FlowCommand
{
public:
    InsertBindingCommand(FlowDraft &draft, QUndoStack &stack, int index, const Binding &binding);
    void redo() override;
    void undo() override;

private:
    int m_index;
    Binding m_binding;
};

/// Moves a card to a new index; undo moves it back.
class MoveBindingCommand : public FlowCommand
{
public:
    MoveBindingCommand(FlowDraft &draft, QUndoStack &stack, int from, int to, const QString &name);
    void redo() override;
    void undo() override;

private:
    int m_from;
    int m_to;
};

/// Takes a card out of the draft; undo puts the same binding back where it was.
class RemoveBindingCommand : public FlowCommand
{
public:
    RemoveBindingCommand(FlowDraft &draft, QUndoStack &stack, int index);
    void redo() override;
    void undo() override;

private:
    int m_index;
    Binding m_binding;
};
