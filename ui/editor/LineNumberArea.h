#pragma once

#include <QWidget>

class CodeEditor;

/**
 * @brief The gutter at the left of a CodeEditor: it shows line numbers and problem markers, which the
 * editor paints, tells the problem of a line on hover and moves the cursor to a line clicked.
 */
class LineNumberArea : public QWidget
{
    Q_OBJECT

public:
    explicit LineNumberArea(CodeEditor *editor);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    CodeEditor *m_editor;
};
