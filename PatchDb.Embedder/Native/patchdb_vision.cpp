// PatchDb's only C++: a minimal extern "C" surface over OpenCV 4.6 (Debian packages) for local features
// (SIFT + RootSIFT) and geometric verification (ratio-test matching + RANSAC homography). Everything crossing the
// boundary is plain arrays owned by the caller, so the C# side needs no OpenCV types and nothing leaks. No C++
// exception may unwind into .NET: every entry point catches and returns a negative code instead.
#include <opencv2/calib3d.hpp>
#include <opencv2/core.hpp>
#include <opencv2/features2d.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <exception>
#include <vector>

namespace {

constexpr int kDims = 128;
constexpr int kErrArgument = -1;
constexpr int kErrOpenCv = -2;
constexpr int kErrOther = -3;
// Fewer than this many putative matches cannot support a meaningful homography (4 fit it exactly).
constexpr int kMinGoodMatches = 6;
constexpr int kMaxIters = 2000;
constexpr double kConfidence = 0.995;

cv::Mat dequantise(const unsigned char* desc, int count) {
    cv::Mat out(count, kDims, CV_32F);
    const cv::Mat bytes(count, kDims, CV_8U, const_cast<unsigned char*>(desc));
    // The scale is irrelevant to the ratio test; 1/512 restores the RootSIFT values the bytes were made from.
    bytes.convertTo(out, CV_32F, 1.0 / 512.0);
    return out;
}

// |det| of the affine 2×2 part outside this range means the fit collapsed or exploded the image: not a view change
// a photo of the same flat object can produce, so the inliers are coincidences.
bool plausible(const cv::Mat& h) {
    const double det = h.at<double>(0, 0) * h.at<double>(1, 1) - h.at<double>(0, 1) * h.at<double>(1, 0);
    return std::isfinite(det) && std::fabs(det) >= 0.05 && std::fabs(det) <= 20.0;
}

void copy_homography(const cv::Mat& h, double* out) {
    for (int i = 0; i < 9; ++i) out[i] = h.at<double>(i / 3, i % 3);
}

}  // namespace

extern "C" {

int pdb_features(const unsigned char* rgb, int width, int height, int stride, int max_features, float* xy_out,
                 unsigned char* desc_out, int capacity) {
    if (!rgb || !xy_out || !desc_out || width <= 0 || height <= 0 || stride < width * 3 || max_features <= 0 ||
        capacity < 0) {
        return kErrArgument;
    }
    try {
        const cv::Mat image(height, width, CV_8UC3, const_cast<unsigned char*>(rgb), static_cast<size_t>(stride));
        cv::Mat gray;
        cv::cvtColor(image, gray, cv::COLOR_RGB2GRAY);
        std::vector<cv::KeyPoint> keypoints;
        cv::Mat descriptors;
        cv::SIFT::create(max_features)->detectAndCompute(gray, cv::noArray(), keypoints, descriptors);

        const int n = std::min(static_cast<int>(keypoints.size()), capacity);
        for (int i = 0; i < n; ++i) {
            xy_out[2 * i] = keypoints[i].pt.x;
            xy_out[2 * i + 1] = keypoints[i].pt.y;
            // RootSIFT (Arandjelović & Zisserman): L1-normalise then square-root, so L2 distance compares like the
            // Hellinger kernel, which matches better than raw SIFT. Components end in [0, 1] with unit L2 norm;
            // ×512 keeps the typical values (< 0.5) distinguishable in a byte.
            const float* d = descriptors.ptr<float>(i);
            double l1 = 0;
            for (int k = 0; k < kDims; ++k) l1 += std::fabs(d[k]);
            const double scale = l1 > 0 ? 1.0 / l1 : 0.0;
            for (int k = 0; k < kDims; ++k) {
                const double v = std::sqrt(std::fabs(d[k]) * scale) * 512.0;
                desc_out[i * kDims + k] = static_cast<unsigned char>(std::min(255.0, std::round(v)));
            }
        }
        return n;
    } catch (const cv::Exception&) {
        return kErrOpenCv;
    } catch (const std::exception&) {
        return kErrOther;
    } catch (...) {
        return kErrOther;
    }
}

int pdb_find_homography(const float* src_xy, const float* dst_xy, int count, float reprojection,
                        double* homography_out, unsigned char* inlier_mask_out) {
    if (!src_xy || !dst_xy || !homography_out || count < 4 || !(reprojection > 0)) return kErrArgument;
    try {
        std::vector<cv::Point2f> src(count), dst(count);
        for (int i = 0; i < count; ++i) {
            src[i] = {src_xy[2 * i], src_xy[2 * i + 1]};
            dst[i] = {dst_xy[2 * i], dst_xy[2 * i + 1]};
        }
        std::vector<unsigned char> mask;
        const cv::Mat h = cv::findHomography(src, dst, cv::RANSAC, reprojection, mask, kMaxIters, kConfidence);
        if (h.empty()) return 0;
        copy_homography(h, homography_out);
        int inliers = 0;
        for (int i = 0; i < count; ++i) {
            const bool in = i < static_cast<int>(mask.size()) && mask[i] != 0;
            inliers += in;
            if (inlier_mask_out) inlier_mask_out[i] = in;
        }
        return inliers;
    } catch (const cv::Exception&) {
        return kErrOpenCv;
    } catch (...) {
        return kErrOther;
    }
}

int pdb_verify(const float* q_xy, const unsigned char* q_desc, int q_count, const float* c_xy,
               const unsigned char* c_desc, int c_count, float ratio, float reprojection, double* homography_out) {
    if (q_count < 0 || c_count < 0 || !(ratio > 0 && ratio <= 1) || !(reprojection > 0)) return kErrArgument;
    if (q_count < 2 || c_count < 2) return 0;  // the ratio test needs two neighbours
    if (!q_xy || !q_desc || !c_xy || !c_desc) return kErrArgument;
    try {
        std::vector<std::vector<cv::DMatch>> knn;
        cv::BFMatcher(cv::NORM_L2).knnMatch(dequantise(q_desc, q_count), dequantise(c_desc, c_count), knn, 2);

        // Lowe's ratio test, then one-to-one: several query points claiming the same candidate point (repeated
        // texture) would otherwise count one piece of evidence many times; the closest claim wins.
        std::vector<int> best(c_count, -1);
        std::vector<float> best_distance(c_count, 0);
        for (const auto& pair : knn) {
            if (pair.size() < 2 || pair[0].distance >= ratio * pair[1].distance) continue;
            const int t = pair[0].trainIdx;
            if (best[t] < 0 || pair[0].distance < best_distance[t]) {
                best[t] = pair[0].queryIdx;
                best_distance[t] = pair[0].distance;
            }
        }
        std::vector<cv::Point2f> src, dst;
        for (int t = 0; t < c_count; ++t) {
            if (best[t] < 0) continue;
            src.emplace_back(q_xy[2 * best[t]], q_xy[2 * best[t] + 1]);
            dst.emplace_back(c_xy[2 * t], c_xy[2 * t + 1]);
        }
        if (static_cast<int>(src.size()) < kMinGoodMatches) return 0;

        std::vector<unsigned char> mask;
        const cv::Mat h = cv::findHomography(src, dst, cv::RANSAC, reprojection, mask, kMaxIters, kConfidence);
        if (h.empty() || !plausible(h)) return 0;
        if (homography_out) copy_homography(h, homography_out);
        return cv::countNonZero(mask);
    } catch (const cv::Exception&) {
        return kErrOpenCv;
    } catch (...) {
        return kErrOther;
    }
}

}  // extern "C"
