#pragma once

#include "core/model/Binding.h"

#include <QUndoCommand>

class FlowDraft;

// Each command changes the draft in redo() and changes it back in undo(). A change the draft refuses (it
// was changed behind the stack's back) marks the command obsolete, so the stack drops it.

/// Puts an action into the draft at an index; undo takes it out again.
class InsertBindingCommand : public QUndoCommand
{
public:
    InsertBindingCommand(FlowDraft &draft, int index, const Binding &binding);
    void redo() override;
    void undo() override;

private:
    FlowDraft &m_draft;
    int m_index;
    Binding m_binding;
};

/// Moves a card to a new index; undo moves it back.
class MoveBindingCommand : public QUndoCommand
{
public:
    MoveBindingCommand(FlowDraft &draft, int from, int to, const QString &name);
    void redo() override;
    void undo() override;

private:
    FlowDraft &m_draft;
    int m_from;
    int m_to;
};

/// Takes a card out of the draft; undo puts the same binding back where it was.
class RemoveBindingCommand : public QUndoCommand
{
public:
    RemoveBindingCommand(FlowDraft &draft, int index);
    void redo() override;
    void undo() override;

private:
    FlowDraft &m_draft;
    int m_index;
    Binding m_binding;
};
