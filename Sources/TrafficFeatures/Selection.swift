extension UnsafeMutableBufferPointer where Element: Comparable {
    /// Reorders the elements so that `self[k]` holds the element an ascending sort would put there, every element
    /// before it is ≤ it and every element after it is ≥ it (quickselect: O(n) on average, where finding one order
    /// statistic by sorting costs O(n log n)). The value at `k` is exactly the sorted one; the order of the others
    /// is unspecified. A range that shrinks too slowly is sorted instead, so the worst case stays O(n log n).
    /// Elements must be totally ordered (no NaN).
    func select(nth k: Int) {
        precondition(k >= 0 && k < count)
        var lo = 0, hi = count - 1
        var rounds = 2 * (Int.bitWidth - count.leadingZeroBitCount) + 4
        while lo < hi {
            if rounds == 0 {
                var range = UnsafeMutableBufferPointer(rebasing: self[lo...hi])
                range.sort()
                return
            }
            rounds -= 1
            // Median of three as the pivot; it also leaves an element ≤ pivot at `lo` and one ≥ pivot at `hi`,
            // so the scans below stop inside the range.
            let mid = lo + (hi - lo) / 2
            if self[mid] < self[lo] { swapAt(mid, lo) }
            if self[hi] < self[lo] { swapAt(hi, lo) }
            if self[hi] < self[mid] { swapAt(hi, mid) }
            let pivot = self[mid]
            // Hoare partition: afterwards [lo, j] ≤ pivot, [i, hi] ≥ pivot and anything between equals it. Equal
            // elements are swapped too, so runs of equal values (regular gaps) still split the range in halves.
            var i = lo, j = hi
            while i <= j {
                while self[i] < pivot { i += 1 }
                while pivot < self[j] { j -= 1 }
                if i <= j {
                    swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }
}
