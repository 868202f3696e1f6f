#pragma once

#include <QWidget>

class ActionRuntime;
class CodeEditor;
class FindBar;
class QLabel;
class SyntaxChecker;

/**
 * @brief The code side of the action editor: the CodeEditor with JavaScript colours and a FindBar
 *        (Ctrl+F), and under it a status line with the syntax check's verdict and the cursor position.
 *
 * The syntax is checked as the code is typed (SyntaxChecker); errors are marked on their lines and named
 * in the status line ("Line 3: Unexpected token"). Without Node.js the status line says why the code is not
 * checked, and the editor works as before.
 */
class ActionCodeArea : public QWidget
{
    Q_OBJECT

public:
    explicit ActionCodeArea(ActionRuntime &runtime, QWidget *parent = nullptr);

    CodeEditor *editor() const { return m_editor; }
    QString code() const;
    /// Shows @p code, checked at once under the name @p fileName, and enables the editor.
    void setCode(const QString &code, const QString &fileName);
    /// Empties and disables the editor.
    void clear();
    /// Checks the code now (e.g. after a deploy was refused, to mark the error).
    void checkNow();

Q_SIGNALS:
    /// The code was edited.
    void edited();

private:
    void setStatus(const QString &text, const QString &role);
    void updateCursorPosition();

    CodeEditor *m_editor;
    FindBar *m_find;
    QLabel *m_syntax;
    QLabel *m_cursor;
    SyntaxChecker *m_checker;
};
