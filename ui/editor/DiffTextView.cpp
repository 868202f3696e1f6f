#include "DiffTextView.h"

#include "ui/editor/EditorColors.h"
#include "ui/shell/Theme.h"

#include <QPainter>
#include <QTextBlock>

#include <algorithm>
#include <climits>
#include <vector>

namespace {

constexpr int kEdge = 8; ///< gutter padding at its left and right
constexpr int kGap = 10; ///< between the gutter's columns
constexpr int kMinFold = 3; ///< fewer hidden lines than this are shown instead of folded

} // namespace

DiffTextView::DiffTextView(QWidget *parent)
    : CodeEditor(parent)
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setAccessibleName(tr("Differences"));
    updateLineNumberAreaWidth();
}

void DiffTextView::setDiff(const QList<DiffLine> &diff)
{
    m_diff = diff;
    rebuild();
}

void DiffTextView::setContextLines(int lines)
{
    m_contextLines = lines;
    rebuild();
}

int DiffTextView::lineNumberAreaWidth() const
{
    return kEdge + numberWidth(m_maxOldLine) + kGap + numberWidth(m_maxNewLine) + kGap
        + fontMetrics().horizontalAdvance(QLatin1Char('+')) + kEdge;
}

void DiffTextView::paintGutterLine(QPainter &painter, const QTextBlock &block, const QRect &rect)
{
    if (block.blockNumber() >= m_rows.size())
        return;
    const Row &row = m_rows.at(block.blockNumber());
    if (const QColor background = rowColor(row, true); background.isValid())
        painter.fillRect(rect, background);
    if (row.diffIndex < 0)
        return;

    const DiffLine &line = m_diff.at(row.diffIndex);
    const int height = fontMetrics().height();
    const int oldWidth = numberWidth(m_maxOldLine);
    const int newWidth = numberWidth(m_maxNewLine);
    const int newLeft = kEdge + oldWidth + kGap;
    painter.setPen(palette().color(QPalette::PlaceholderText));
    if (line.oldLine > 0)
        painter.drawText(QRect(kEdge, rect.top(), oldWidth, height),
                         Qt::AlignRight | Qt::AlignVCenter,
                         QString::number(line.oldLine));
    if (line.newLine > 0)
        painter.drawText(QRect(newLeft, rect.top(), newWidth, height),
                         Qt::AlignRight | Qt::AlignVCenter,
                         QString::number(line.newLine));
    if (line.kind == DiffLine::Kind::Same)
        return;
    const bool added = line.kind == DiffLine::Kind::Added;
    painter.setPen(Theme::instance().color(added ? QStringLiteral("success") : QStringLiteral("danger")));
    painter.drawText(QRect(newLeft + newWidth + kGap, rect.top(), rect.width(), height),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     added ? QStringLiteral("+") : QStringLiteral("\u2212"));
}

void DiffTextView::paintEvent(QPaintEvent *event)
{
    {
        QPainter painter(viewport());
        QTextBlock block = firstVisibleBlock();
        qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
        while (block.isValid() && block.blockNumber() < m_rows.size() && top <= event->rect().bottom()) {
            const qreal height = blockBoundingRect(block).height();
            const Row &row = m_rows.at(block.blockNumber());
            const QRectF rowRect(0, top, viewport()->width(), height);
            if (const QColor background = rowColor(row, false); background.isValid())
                painter.fillRect(rowRect, background);
            if (row.diffIndex < 0) {
                painter.setPen(palette().color(QPalette::PlaceholderText));
                const qreal left = contentOffset().x() + document()->documentMargin();
                painter.drawText(rowRect.adjusted(left, 0, 0, 0),
                                 Qt::AlignLeft | Qt::AlignVCenter,
                                 tr("\u22ef %1 unchanged lines").arg(row.folded));
            }
            block = block.next();
            top += height;
        }
    }
    CodeEditor::paintEvent(event);
}

void DiffTextView::rebuild()
{
    const int count = static_cast<int>(m_diff.size());
    m_maxOldLine = 0;
    m_maxNewLine = 0;
    bool changed = false;
    for (const DiffLine &line : std::as_const(m_diff)) {
        m_maxOldLine = std::max(m_maxOldLine, line.oldLine);
        m_maxNewLine = std::max(m_maxNewLine, line.newLine);
        changed = changed || line.kind != DiffLine::Kind::Same;
    }

    // How far each line is from the nearest change, looking down and then up.
    std::vector<int> distance(static_cast<size_t>(count), INT_MAX);
    for (int pass = 0; pass < 2; ++pass) {
        int lastChange = -1;
        for (int step = 0; step < count; ++step) {
            const int i = pass == 0 ? step : count - 1 - step;
            if (m_diff.at(i).kind != DiffLine::Kind::Same)
                lastChange = i;
            if (lastChange >= 0)
                distance[i] = std::min(distance[i], std::abs(i - lastChange));
        }
    }

    const bool fold = changed && m_contextLines >= 0;
    m_rows.clear();
    for (int i = 0; i < count;) {
        int end = i;
        while (fold && end < count && distance[end] > m_contextLines)
            ++end;
        if (end - i >= kMinFold) {
            m_rows.append({-1, end - i});
            i = end;
            continue;
        }
        for (end = std::max(end, i + 1); i < end; ++i)
            m_rows.append({i, 0});
    }

    QStringList lines;
    for (const Row &row : std::as_const(m_rows))
        lines.append(row.diffIndex < 0 ? QString() : m_diff.at(row.diffIndex).text);
    setPlainText(lines.join(QLatin1Char('\n')));
    updateLineNumberAreaWidth();
}

QColor DiffTextView::rowColor(const Row &row, bool gutter) const
{
    const QColor base = palette().color(QPalette::Base);
    const qreal stronger = (EditorColors::isDark(palette()) ? 0.06 : 0.0) + (gutter ? 0.08 : 0.0);
    if (row.diffIndex < 0)
        return EditorColors::mix(base, palette().color(QPalette::Text), 0.04 + stronger / 2);
    switch (m_diff.at(row.diffIndex).kind) {
    case DiffLine::Kind::Added:
        return EditorColors::mix(base, Theme::instance().color(QStringLiteral("success")), 0.12 + stronger);
    case DiffLine::Kind::Removed:
        return EditorColors::mix(base, Theme::instance().color(QStringLiteral("danger")), 0.10 + stronger);
    case DiffLine::Kind::Same:
        break;
    }
    return {};
}

int DiffTextView::numberWidth(int number) const
{
    return fontMetrics().horizontalAdvance(QLatin1Char('9'))
        * static_cast<int>(QString::number(std::max(1, number)).size());
}
